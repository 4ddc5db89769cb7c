"""Demo content for `manage.py load_demo_content`: text, generated images and the loader."""

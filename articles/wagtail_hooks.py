"""Admin hooks for articles.

Shared file: each feature keeps to its own clearly named functions.
"""

from wagtail import hooks

from home.checks import add_warning_messages

# --- Content checks (issue 5): warnings after saving or publishing an article, never a block. --


@hooks.register("after_create_page")
def warn_about_article_content_on_create(request, page):
    add_warning_messages(request, page)


@hooks.register("after_edit_page")
def warn_about_article_content_on_edit(request, page):
    add_warning_messages(request, page)

"""Image uploads: every unreadable file is a form error, never a server error.

Wagtail's image field already checks the type (the extension must match the real format; SVG is
not in WAGTAILIMAGES_EXTENSIONS), the file size and the pixel count. But a file whose header is
cut short (a truncated JPEG, say) makes Pillow raise OSError while Wagtail counts its pixels,
which escaped as a 500. WAGTAILIMAGES_IMAGE_FORM_BASE points at ImageForm below, whose file
field turns any such failure into Wagtail's own "Upload a valid image" message.
"""

from django.core.exceptions import ValidationError
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm


class SafeWagtailImageField(WagtailImageField):
    def to_python(self, data):
        try:
            return super().to_python(data)
        except ValidationError:
            raise
        except Exception as error:  # noqa: BLE001 - any unreadable upload is the user's file
            raise ValidationError(
                self.error_messages["invalid_image"], code="invalid_image"
            ) from error


class ImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if type(field) is WagtailImageField:
            # Same field, same messages and limits; only to_python is made safe.
            field.__class__ = SafeWagtailImageField

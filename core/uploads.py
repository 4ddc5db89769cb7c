"""Image uploads: every unreadable file is a form error, never a server error.

Wagtail's image field already checks the type (the extension must match the real format; SVG is
not in WAGTAILIMAGES_EXTENSIONS), the file size and the pixel count. But a file whose header is
cut short (a truncated JPEG, say) makes Pillow raise OSError while Wagtail counts its pixels,
which escaped as a 500. WAGTAILIMAGES_IMAGE_FORM_BASE points at ImageForm below, whose file
field turns any such failure into Wagtail's own "Upload a valid image" message.
"""

from django.core.exceptions import ValidationError
from PIL import Image as PILImage
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm


def pixel_count(file):
    """Width x height x frames read from the file's header, without Pillow's decompression-bomb
    check (which refuses to say the size of the very images it refuses). Nothing is decoded:
    the format plugins only parse the header. None when no plugin recognises the file."""
    PILImage.init()
    file.seek(0)
    prefix = file.read(16)
    for format_id in PILImage.ID:
        factory, accept = PILImage.OPEN[format_id]
        if accept is not None and not accept(prefix):
            continue
        file.seek(0)
        try:
            image = factory(file, "")
        except Exception:  # noqa: BLE001, S112 - not this format; try the next plugin
            continue
        width, height = image.size
        frames = getattr(image, "n_frames", 1) or 1
        return width * height * frames
    return None


class SafeWagtailImageField(WagtailImageField):
    def check_image_pixel_size(self, f):
        """Wagtail says "(unknown number)" for an image past Pillow's own limit; say the count."""
        try:
            super().check_image_pixel_size(f)
        except ValidationError as error:
            if error.code != "file_too_many_pixels":
                raise
            raw = getattr(f.image, "f", None)
            count = pixel_count(raw) if raw is not None else None
            if count is None:
                raise
            raise ValidationError(
                self.error_messages["file_too_many_pixels"]
                % {"num_pixels": f"{count:,}", "max_pixels_count": f"{self.max_image_pixels:,}"},
                code="file_too_many_pixels",
            ) from None
        finally:
            raw = getattr(getattr(f, "image", None), "f", None)
            if raw is not None and hasattr(raw, "seek"):
                raw.seek(0)

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

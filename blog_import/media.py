"""Images for imported posts, taken from a local copy of wp-content/uploads, never downloaded.

An <img src="https://old.blog/wp-content/uploads/2020/05/neck-300x200.jpg"> is looked up as
2020/05/neck-300x200.jpg in the media folder, then as the full-size 2020/05/neck.jpg, then by
file name alone (Squarespace exports have no uploads folder). A file already in the image
library (same contents) is reused. In a dry run nothing is written.
"""

import contextlib
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.files import File
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.utils.file import hash_filelike

SIZE_SUFFIX = re.compile(r"-(?:\d+x\d+|scaled|rotated)(?=\.[A-Za-z0-9]+$)")
DEFAULT_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]


class MediaLibrary:
    def __init__(self, media_dir=None, dry_run=False):
        self.root = Path(media_dir).resolve() if media_dir else None
        self.dry_run = dry_run
        self.found = {}  # src -> (image or None, problem or None)
        self.by_hash = {}
        self.written = []  # images saved, removed again if the import fails
        self.imported = self.reused = 0
        self._by_name = None

    def candidates(self, src):
        path = unquote(urlsplit(src).path)
        relative = path.split("/wp-content/uploads/", 1)[-1].lstrip("/")
        names = [relative, SIZE_SUFFIX.sub("", relative)]
        base = relative.rsplit("/", 1)[-1]
        names += [base, SIZE_SUFFIX.sub("", base)]
        seen = []
        for name in names:
            if name and name not in seen:
                seen.append(name)
        return seen

    def _by_file_name(self, name):
        if self._by_name is None:
            self._by_name = {}
            for path in sorted(self.root.rglob("*")):
                if path.is_file():
                    self._by_name.setdefault(path.name, path)
        return self._by_name.get(name)

    def locate(self, src):
        for name in self.candidates(src):
            path = (self.root / name).resolve()
            # Never outside the folder she named, whatever the export says.
            if path.is_relative_to(self.root) and path.is_file():
                return path
            if "/" not in name:
                found = self._by_file_name(name)
                if found is not None:
                    return found
        return None

    def image_for(self, src):
        """(image, None) or (None, "what went wrong, in words for the report")."""
        if src not in self.found:
            self.found[src] = self._image_for(src)
        return self.found[src]

    def _image_for(self, src):
        name = unquote(urlsplit(src).path).rsplit("/", 1)[-1] or src[:80]
        if src.startswith("data:"):
            return None, "an image pasted into the post as data (not imported)"
        if self.root is None:
            return None, f"image {name} (not imported: no media folder was given)"
        path = self.locate(src)
        if path is None:
            return None, f"image {name} (not found in the media folder)"
        extensions = getattr(settings, "WAGTAILIMAGES_EXTENSIONS", DEFAULT_EXTENSIONS)
        if path.suffix.lower().lstrip(".") not in extensions:
            return None, f"image {name} (not a kind of picture the site takes)"
        limit = getattr(settings, "WAGTAILIMAGES_MAX_UPLOAD_SIZE", 10 * 1024 * 1024)
        if limit and path.stat().st_size > limit:
            return None, f"image {name} (too big to import)"
        try:
            with PILImage.open(path) as picture:
                picture.verify()
        except Exception:  # noqa: BLE001 - any unreadable file is reported, never a crash
            return None, f"image {name} (the file is damaged or not a picture)"
        with path.open("rb") as handle:
            file_hash = hash_filelike(handle)
        image_model = get_image_model()
        existing = (
            self.by_hash.get(file_hash) or image_model.objects.filter(file_hash=file_hash).first()
        )
        if existing is not None:
            self.reused += 1
            return existing, None
        self.imported += 1
        if self.dry_run:
            return None, None
        title = SIZE_SUFFIX.sub("", path.name).rsplit(".", 1)[0].replace("-", " ").strip()
        with path.open("rb") as handle:
            image = image_model(title=title[:255] or path.name, file=File(handle, name=path.name))
            image.save()
        self.written.append(image.file.name)
        self.by_hash[file_hash] = image
        return image, None

    def discard(self):
        """Remove the files saved by an import that was rolled back."""
        if not self.written:
            return
        storage = get_image_model()._meta.get_field("file").storage
        for name in self.written:
            with contextlib.suppress(OSError):
                storage.delete(name)
        self.written = []

"""The admin's upload form: the export file, read and checked before anything is imported."""

from django import forms

from .wxr import MAX_BYTES, MAX_MEGABYTES, WXRError, parse_wxr

ADMIN_MAX_POSTS = 300


class ImportUploadForm(forms.Form):
    export = forms.FileField(
        label="Your blog's export file",
        help_text=(
            "The .xml file from your old blog: in WordPress, Tools → Export → All content; in "
            f"Squarespace, Settings → Import & Export → Export. Up to {MAX_MEGABYTES} MB. "
            "Nothing is saved until you have seen what it holds and confirmed."
        ),
    )
    publish = forms.BooleanField(
        required=False,
        label="Publish them straight away",
        help_text="Leave this unticked to get drafts you can read through and publish one by one.",
    )

    def __init__(self, *args, can_publish=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not can_publish:
            del self.fields["publish"]

    def clean_export(self):
        upload = self.cleaned_data["export"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                f"The file is too big to import: the limit is {MAX_MEGABYTES} MB. Export fewer "
                "posts at a time (WordPress lets you choose dates) and import each file."
            )
        data = upload.read(MAX_BYTES + 1)
        try:
            export = parse_wxr(data)
        except WXRError as error:
            raise forms.ValidationError(str(error)) from None
        posts = sum(1 for item in export.items if item.post_type == "post")
        if posts > ADMIN_MAX_POSTS:
            # Each step must finish within one web request; the command has no such limit.
            raise forms.ValidationError(
                f"This export has {posts} posts; here up to {ADMIN_MAX_POSTS} can be imported "
                "at a time. Export them in parts (WordPress lets you choose dates), or ask for "
                "the import to be run on the server with the import_wxr command."
            )
        self.cleaned_data["data"] = data
        return upload

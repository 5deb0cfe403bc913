"""The image form of the admin (`WAGTAILIMAGES_IMAGE_FORM_BASE`); apart from `cms.forms`, which
page models import while Wagtail's image forms cannot be loaded yet."""

from wagtail.images.forms import BaseImageForm

from cms.uploads import ImageUploadField


class ImageForm(BaseImageForm):
    """Wagtail's image form with the description, the image's alternative text, required.

    The multiple uploader keeps an upload aside until its description is filled in. The file is
    checked by the cluster's upload rule (`cms.uploads`), in every view that uploads images.
    """

    file = ImageUploadField(label="文件")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "description" in self.fields:
            field = self.fields["description"]
            field.required = True
            field.label = "替代文本"
            field.help_text = "用一句话说明图片内容，读屏软件会为视障人士朗读，如“市长在项目现场调研”。"

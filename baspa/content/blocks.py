"""The blocks an article body is made of. Each block renders through blocks/<name>.html."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

PARAGRAPH_FEATURES = ["bold", "italic", "link", "ol", "ul", "superscript", "subscript"]


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    caption = blocks.CharBlock(
        label=_("Caption"), required=False, help_text=_("Leave empty to use the photo's caption.")
    )
    credit = blocks.CharBlock(
        label=_("Credit"), required=False, help_text=_("Leave empty to use the photo's credit.")
    )

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/image.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Who said it"), required=False)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "blocks/quote.html"


class FactBoxBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"))
    items = blocks.ListBlock(blocks.CharBlock(label=_("Fact")), label=_("Facts"))

    class Meta:
        icon = "list-ul"
        label = _("Fact box")
        template = "blocks/fact_box.html"


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        features=PARAGRAPH_FEATURES, label=_("Paragraph"), template="blocks/paragraph.html"
    )
    heading = blocks.CharBlock(
        label=_("Heading"), icon="title", form_classname="title", template="blocks/heading.html"
    )
    image = ImageBlock()
    quote = QuoteBlock()
    embed = EmbedBlock(label=_("Embed"), icon="media", template="blocks/embed.html")
    fact_box = FactBoxBlock()
    # Cells are plain text (the default renderer escapes them): tables come from editors and
    # from imported archives (baspa.importers), neither of which may bring HTML into a page.
    table = TableBlock(label=_("Table"), icon="table", template="blocks/table.html")

from wagtail.contrib.table_block.blocks import DEFAULT_TABLE_OPTIONS, TableBlock

TABLE_OPTIONS = {
    **DEFAULT_TABLE_OPTIONS,
    "contextMenu": [*DEFAULT_TABLE_OPTIONS["contextMenu"], "---------", "alignment", "mergeCells"],
    "mergeCells": True,
}


class GovernmentTableBlock(TableBlock):
    """A table with header row or column, caption, merged cells and cell alignment."""

    def __init__(self, **kwargs):
        kwargs.setdefault("table_options", TABLE_OPTIONS)
        super().__init__(**kwargs)

    class Meta:
        icon = "table"
        label = "表格"
        template = "components/blocks/table.html"

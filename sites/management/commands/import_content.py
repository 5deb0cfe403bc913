from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from sites.importing import import_lines, read_lines


class Command(BaseCommand):
    help = (
        "从 JSON Lines 文件导入旧网站的文章，每行一篇，正文经过统一的 HTML 清洗；出错的行逐行报告，其余照常导入；"
        "导入过的文章（即使已被编辑删除）不会再次导入。"
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="JSON Lines 文件（UTF-8），每行一个对象。")
        parser.add_argument(
            "--attachments-root",
            type=Path,
            help="附件所在目录：附件路径相对于它解析，且不得指向它之外（含符号链接）。默认为导入文件所在目录。",
        )

    def handle(self, *args, file: Path, attachments_root: Path | None, verbosity: int, **options):
        if not file.is_file():
            raise CommandError(f"文件 {file} 不存在。")
        attachments_root = attachments_root or file.parent
        if not attachments_root.is_dir():
            raise CommandError(f"附件目录 {attachments_root} 不存在。")
        # None: no bar when the output is not a terminal (a log, a cron mail).
        quiet = True if verbosity == 0 else None
        with file.open("rb") as handle:
            total = sum(block.count(b"\n") for block in iter(lambda: handle.read(1 << 20), b""))
            handle.seek(0)
            report = import_lines(
                read_lines(handle),
                attachments_root,
                progress=lambda lines: tqdm(lines, total=total, desc="导入", unit="行", disable=quiet),
            )
        for number, reason in report.errors:
            self.stderr.write(f"第 {number} 行：{reason}")
        summary = f"导入 {report.imported} 篇，已导入过跳过 {report.skipped} 篇，出错 {len(report.errors)} 行。"
        self.stdout.write(self.style.WARNING(summary) if report.errors else self.style.SUCCESS(summary))

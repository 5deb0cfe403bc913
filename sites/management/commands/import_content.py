from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from sites.importing import import_lines


class Command(BaseCommand):
    help = "从 JSON Lines 文件导入旧网站的文章，每行一篇，正文经过统一的 HTML 清洗；重复导入不会产生重复文章。"

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="JSON Lines 文件，每行一个对象。")

    def handle(self, *args, file: Path, **options):
        if not file.is_file():
            raise CommandError(f"文件 {file} 不存在。")
        text = file.read_text(encoding="utf-8-sig", errors="replace")
        lines = text.splitlines()
        report = import_lines(
            lines, file.parent, progress=lambda items: tqdm(items, total=len(lines), desc="导入", unit="行")
        )
        for number, reason in report.errors:
            self.stderr.write(f"第 {number} 行：{reason}")
        summary = f"导入 {report.imported} 篇，已存在跳过 {report.skipped} 篇，出错 {len(report.errors)} 行。"
        self.stdout.write(self.style.WARNING(summary) if report.errors else self.style.SUCCESS(summary))

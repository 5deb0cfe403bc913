from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from tqdm import tqdm

from search import indexing
from search.documents import searchable_pages
from search.engines import get_engine
from search.engines.fallback import UNAVAILABLE as ELASTICSEARCH_UNAVAILABLE


class Command(BaseCommand):
    help = "重建站群检索索引：在旁边建好新索引后再切换，中途停止不影响现有检索。"

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=indexing.BATCH_SIZE, help="每批索引的页面数，默认 500。")
        parser.add_argument("--dry-run", action="store_true", help="只统计要索引的页面数，不重建。")

    def handle(self, *args, batch_size: int, dry_run: bool, **options):
        if batch_size < 1:
            raise CommandError("--batch-size 应为正整数。")
        if dry_run:
            self.stdout.write(f"将索引 {searchable_pages().count()} 个页面（引擎：{get_engine().name}）。")
            return

        def progress(batches, total):
            with tqdm(total=total, desc="索引页面", unit="页", file=self.stderr) as bar:
                for batch in batches:
                    yield batch
                    bar.update(len(batch))

        try:
            written = indexing.rebuild(progress=progress, batch_size=batch_size)
        except DatabaseError as error:
            raise CommandError(f"重建失败，现有索引保持不变：{error}") from error
        except ELASTICSEARCH_UNAVAILABLE as error:
            raise CommandError(f"Elasticsearch 不可用，重建未进行，现有索引保持不变：{type(error).__name__}") from error
        self.stdout.write(self.style.SUCCESS(f"检索索引已重建：{written} 个文档（引擎：{get_engine().name}）。"))

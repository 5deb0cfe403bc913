import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from publishing.scheduler import tick


class Command(BaseCommand):
    help = "定时任务：按时发布、下线页面（go_live_at / expire_at），按时开启、结束应急与哀悼模式；持续运行。"

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=int, default=30, help="检查间隔（秒），默认 30。")
        parser.add_argument("--once", action="store_true", help="只检查一次后退出。")

    def handle(self, *args, interval: int, once: bool, **options):
        if interval < 1:
            raise CommandError("检查间隔至少 1 秒。")
        since = timezone.now()
        while True:
            now = timezone.now()
            tick(since, now)
            since = now
            if once:
                return
            time.sleep(interval)

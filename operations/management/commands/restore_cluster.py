from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from operations.backups import BackupError, restore_cluster


class Command(BaseCommand):
    help = "从 backup_cluster 的归档恢复站群：先核对全部校验和；目标数据库和媒体文件夹须为空，除非加 --replace。"

    def add_arguments(self, parser):
        parser.add_argument("file", help="backup_cluster 生成的归档文件。")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="以备份替换已有内容：覆盖数据库，清空媒体文件夹后恢复。",
        )

    def handle(self, *args, file: str, replace: bool, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"备份文件 {path} 不存在。")
        try:
            report = restore_cluster(path, replace=replace)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"已从 {path}（{report.created} 备份）恢复 {report.engine} 数据库和 {report.media_files} 个媒体文件，"
                f"用时 {report.seconds:.1f} 秒。"
            )
        )

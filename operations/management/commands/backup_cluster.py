from django.core.management.base import BaseCommand, CommandError

from operations.backups import BackupError, backup_cluster, backup_destination


class Command(BaseCommand):
    help = "备份站群：数据库和媒体文件写入一个带校验和清单的归档；编辑照常工作时也能得到一致的备份。"

    def add_arguments(self, parser):
        parser.add_argument(
            "file",
            nargs="?",
            help="归档文件路径，或一个文件夹（在其中生成 cluster-年月日-时分秒.tar.gz）；默认为 BACKUP_DIR。",
        )

    def handle(self, *args, file: str | None, **options):
        try:
            report = backup_cluster(backup_destination(file))
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"已备份到 {report.path}：{report.engine} 数据库 {report.database_bytes} 字节，"
                f"媒体文件 {report.media_files} 个（{report.media_bytes} 字节），用时 {report.seconds:.1f} 秒。"
            )
        )

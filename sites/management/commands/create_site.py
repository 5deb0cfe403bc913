from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from sites.blueprints import provision_site
from sites.enums import Blueprint
from sites.models import Organisation


class Command(BaseCommand):
    help = "按蓝本开设一个网站（含标准栏目、编辑组、审核组和审核流程）；重复运行不会重复创建。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--org", required=True, help="机构编码：行政区划代码（如 361102）或部门编码（如 361100-jyj）。"
        )
        parser.add_argument("--hostname", required=True, help="网站域名，如 www.zgsr.gov.cn。")
        parser.add_argument(
            "--blueprint", choices=Blueprint.values, help="蓝本：city、county 或 department；默认按机构类型。"
        )
        parser.add_argument("--port", type=int, default=80, help="端口，默认 80。")
        parser.add_argument("--name", help="网站名称；默认为“机构名称门户网站”或部门全称。")
        parser.add_argument("--default", action="store_true", help="设为默认站点（未匹配域名的请求由它响应）。")

    def handle(self, *args, org: str, hostname: str, blueprint, port: int, name, default: bool, **options):
        try:
            organisation = Organisation.objects.get_by_code(org)
        except Organisation.DoesNotExist as error:
            raise CommandError(f"机构编码 {org} 不存在。") from error
        try:
            report = provision_site(organisation, hostname, blueprint, port=port, site_name=name, is_default=default)
        except ValidationError as error:
            raise CommandError("".join(error.messages)) from error
        verb = "已开设" if report.created_site else "已存在，已补齐"
        self.stdout.write(self.style.SUCCESS(f"{report.site.site_name}（{report.site.root_url}）{verb}。"))
        if report.created_columns:
            self.stdout.write("新建栏目：" + "、".join(report.created_columns))

from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import module_has_submodule
from tqdm import tqdm

from sites.demo.seed import DEMO_PASSWORD, demo_users, seed_cluster, seed_demo_users


class Command(BaseCommand):
    help = "发布演示站群：上饶市、12个县（市、区）、部门网站及其演示内容；可重复运行。"

    def add_arguments(self, parser):
        parser.add_argument("--domain", default="localhost", help="站点域名后缀，默认 localhost（即 www.localhost）。")
        parser.add_argument("--port", type=int, default=8000, help="站点端口，用于生成跨站链接，默认 8000。")
        parser.add_argument(
            "--with-faults",
            action="store_true",
            help="在指定网站植入网站考核应发现的问题（错误链接、栏目不更新、空白栏目等），用于检验考核。",
        )

    def handle(self, *args, domain: str, port: int, with_faults: bool, **options):
        with transaction.atomic():
            seeded = seed_cluster(domain, port, progress=lambda items: tqdm(items, desc="站点", unit="个"))
            seed_demo_users()
            for seed_app_demo in app_demo_seeders():
                seed_app_demo(seeded.sites)
            if with_faults:
                for plant_faults in app_demo_seeders("plant_faults"):
                    plant_faults(seeded.sites)
        self.stdout.write(self.style.SUCCESS(f"演示站群已就绪：{len(seeded.sites)} 个网站。"))
        for site in seeded.sites:
            self.stdout.write(f"  {site.site_name}: {site.root_url}/")
        for reason in seeded.refused:
            self.stderr.write(self.style.WARNING(f"未开设 {reason}"))
        if settings.DEMO_USERS_ALLOWED:
            self.stdout.write(f"演示账号（密码均为 {DEMO_PASSWORD}，仅限演示环境）：")
            for username, display_name, _group in demo_users():
                self.stdout.write(f"  {username:20} {display_name}")
        else:
            self.stdout.write(self.style.WARNING("当前设置不允许创建演示账号。"))


def app_demo_seeders(name: str = "seed_demo") -> list:
    """`seed_demo(sites)` (or another function `name`) of every other installed app's `demo` module, in app order.

    Each adds that app's demo content to the seeded sites and, like the cluster's seed, only
    what is missing, so `sites` needs to know none of the apps. `plant_faults(sites)` plants
    the faults an app's checks must find, for `--with-faults`.
    """
    modules = [
        import_module(f"{config.name}.demo")
        for config in apps.get_app_configs()
        if config.name != "sites" and module_has_submodule(config.module, "demo")
    ]
    return [getattr(module, name) for module in modules if hasattr(module, name)]

import json
import logging

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm
from wagtail.models import Site

from audits.auditing import default_limits, in_process_transport, probe_sites, run_audit, server_transport
from audits.enums import RunTrigger


class Command(BaseCommand):
    help = "考核站群网站：抓取每个网站、检查问题、按指标体系打分，并保存本次结果。"

    def add_arguments(self, parser):
        parser.add_argument("--site", action="append", default=[], metavar="HOST", help="只考核此域名的网站，可重复。")
        parser.add_argument("--format", choices=["table", "json"], default="table", help="结果输出格式。")
        parser.add_argument(
            "--server",
            default=settings.AUDITS_SERVER,
            help="站群各域名都从此服务器抓取，如 http://127.0.0.1:8000（默认按域名解析）。",
        )
        parser.add_argument(
            "--in-process", action="store_true", help="不经网络，直接由本进程的应用应答（演示和测试用）。"
        )
        parser.add_argument(
            "--max-pages", type=int, default=settings.AUDITS_MAX_PAGES, help="每个网站最多抓取的页面数。"
        )
        parser.add_argument("--scheduled", action="store_true", help="记为定时考核。")
        parser.add_argument(
            "--probe", action="store_true", help="只探测各网站首页能否按时打开（每天应不少于20次），不做完整考核。"
        )

    def handle(self, *args, site: list[str], format: str, server: str, in_process: bool, max_pages: int, **options):
        sites = list(Site.objects.select_related("root_page").order_by("pk"))
        if site:
            unknown = sorted(set(site) - {each.hostname for each in sites})
            if unknown:
                raise CommandError(f"没有这些域名的网站：{'、'.join(unknown)}")
            sites = [each for each in sites if each.hostname in site]
        if max_pages < 1:
            raise CommandError("--max-pages 至少为 1。")
        # Each fetch would otherwise be logged at INFO and bury the progress bar.
        logging.getLogger("httpx").setLevel(logging.WARNING)
        if options["probe"]:
            self._probe(sites, server)
            return
        trigger = RunTrigger.SCHEDULED if options["scheduled"] else RunTrigger.MANUAL
        with tqdm(total=len(sites), desc="网站", unit="个", file=self.stderr) as bar:
            pages = tqdm(desc="页面", unit="个", file=self.stderr, leave=False)

            def audit(transport, concurrency):
                return run_audit(
                    sites,
                    transport=transport,
                    limits=default_limits(max_pages=max_pages, concurrency=concurrency),
                    trigger=trigger,
                    on_site=lambda each: (bar.update(0), bar.set_postfix_str(each.hostname)),
                    on_fetch=lambda fetched: pages.update(1),
                )

            if in_process:
                with in_process_transport() as transport:
                    run = audit(transport, 1)
            else:
                run = audit(server_transport(server) if server else None, settings.AUDITS_CONCURRENCY)
            bar.update(len(sites))
            pages.close()
        self._report(run, format)

    def _probe(self, sites, server: str) -> None:
        probes = probe_sites(sites, transport=server_transport(server) if server else None)
        for probe in probes:
            state = "可访问" if probe.ok else f"无法访问：{probe.error}"
            self.stdout.write(f"{probe.site.hostname:28} {probe.seconds:6.2f} 秒  {state}")

    def _report(self, run, format: str) -> None:
        assessments = list(run.assessments.order_by("-score", "site_name"))
        if format == "json":
            rows = [
                {
                    "site": each.site.hostname,
                    "name": each.site_name,
                    "score": float(each.score),
                    "vetoed": each.vetoed,
                    "verdict": each.get_verdict_display(),
                    "pages": each.pages_crawled,
                    "findings": each.findings.filter(dismissed=False).count(),
                }
                for each in assessments
            ]
            seconds = (run.finished_at - run.started_at).total_seconds()
            report = {"run": run.pk, "seconds": round(seconds, 2), "sites": rows}
            self.stdout.write(json.dumps(report, ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"考核批次 {run.pk}：{len(assessments)} 个网站，{run.pages_fetched} 个页面")
        for each in assessments:
            veto = "否决" if each.vetoed else ""
            self.stdout.write(
                f"{each.score:>6} {each.get_verdict_display():4} {veto:4} {each.site.hostname:28} "
                f"{each.findings.filter(dismissed=False).count():>4} 个问题  {each.site_name}"
            )

from audits.checks.base import AuditContext, Observation


def home_unavailable(context: AuditContext):
    home = context.crawl.home
    limit = float(context.indicator_set.slow_home_seconds)
    if not home.ok:
        reason = home.error or f"HTTP {home.status}"
        yield Observation(f"首页无法打开：{reason}", home.url)
    elif home.elapsed > limit:
        yield Observation(f"首页 {home.elapsed:.1f} 秒才打开，超过 {limit:g} 秒", home.url)

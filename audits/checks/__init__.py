"""Every check the audit runs, each with the rule it implements."""

from audits.checks import accessibility, availability, disclosure, freshness, identity, interaction, links, security
from audits.checks.base import AuditContext, Check, Observation
from audits.enums import CheckCode, Severity

INDICATORS_2019 = "国办秘函〔2019〕19号"
REGULATION_2019 = "政府信息公开条例（国务院令第711号）"
GUIDELINE_2017 = "国办发〔2017〕47号"

CHECKS = (
    Check(
        CheckCode.HOME_UNAVAILABLE,
        f"{INDICATORS_2019} 站点无法访问（15秒）",
        Severity.ERROR,
        availability.home_unavailable,
    ),
    Check(
        CheckCode.HOME_NOT_UPDATED, f"{INDICATORS_2019} 首页不更新（2周）", Severity.ERROR, freshness.home_not_updated
    ),
    Check(CheckCode.STALE_COLUMN, f"{INDICATORS_2019} 栏目不更新", Severity.ERROR, freshness.stale_columns),
    Check(CheckCode.BLANK_COLUMN, f"{INDICATORS_2019} 空白栏目", Severity.ERROR, freshness.blank_columns),
    Check(CheckCode.DEAD_LINK, f"{INDICATORS_2019} 链接可用性", Severity.ERROR, links.links_check(CheckCode.DEAD_LINK)),
    Check(
        CheckCode.DEAD_EXTERNAL_LINK,
        f"{INDICATORS_2019} 链接可用性",
        Severity.ERROR,
        links.links_check(CheckCode.DEAD_EXTERNAL_LINK),
    ),
    Check(
        CheckCode.DEAD_IMAGE, f"{INDICATORS_2019} 链接可用性", Severity.ERROR, links.links_check(CheckCode.DEAD_IMAGE)
    ),
    Check(
        CheckCode.DEAD_ATTACHMENT,
        f"{INDICATORS_2019} 链接可用性",
        Severity.ERROR,
        links.links_check(CheckCode.DEAD_ATTACHMENT),
    ),
    Check(CheckCode.MISSING_FRAGMENT, f"{INDICATORS_2019} 链接可用性", Severity.WARNING, links.missing_fragments),
    Check(
        CheckCode.RATE_LIMITED,
        f"{INDICATORS_2019} 链接可用性",
        Severity.WARNING,
        links.links_check(CheckCode.RATE_LIMITED),
    ),
    Check(CheckCode.META_TAGS, f"{GUIDELINE_2017} 网页设计规范元数据", Severity.WARNING, identity.meta_tags),
    Check(CheckCode.SITE_CODE, f"{GUIDELINE_2017} 网站标识码", Severity.ERROR, identity.site_code),
    Check(CheckCode.FOOTER, f"{GUIDELINE_2017} 页脚必备信息", Severity.ERROR, identity.footer),
    Check(CheckCode.DISCLOSURE_GUIDE, f"{REGULATION_2019} 第十二条", Severity.ERROR, disclosure.disclosure_guide),
    Check(CheckCode.ANNUAL_REPORT, f"{REGULATION_2019} 第四十九、五十条", Severity.ERROR, disclosure.annual_report),
    Check(CheckCode.OVERDUE_REQUEST, f"{REGULATION_2019} 第三十三条", Severity.ERROR, disclosure.overdue_requests),
    Check(CheckCode.IMAGE_ALT, "GB/T 37668-2019 替代文本", Severity.WARNING, accessibility.image_alt),
    Check(CheckCode.PAGE_LANG, "GB/T 37668-2019 页面语言", Severity.WARNING, accessibility.page_lang),
    Check(CheckCode.HEADING_ORDER, "GB/T 37668-2019 标题层级", Severity.NOTICE, accessibility.heading_order),
    Check(CheckCode.FIELD_LABEL, "GB/T 37668-2019 表单标签", Severity.WARNING, accessibility.field_labels),
    Check(CheckCode.SECURITY_HEADERS, f"{GUIDELINE_2017} 安全防护", Severity.WARNING, security.security_headers),
    Check(CheckCode.MIXED_CONTENT, f"{GUIDELINE_2017} 安全防护", Severity.WARNING, security.mixed_content),
    Check(
        CheckCode.UNANSWERED_QUESTION,
        f"{INDICATORS_2019} 互动回应",
        Severity.ERROR,
        interaction.unanswered_questions,
    ),
)

__all__ = ["CHECKS", "AuditContext", "Check", "Observation"]

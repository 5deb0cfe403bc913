from django.db import models


class Severity(models.TextChoices):
    ERROR = "error", "错误"
    WARNING = "warning", "警告"
    NOTICE = "notice", "提示"


class CheckCode(models.TextChoices):
    """What a finding is about; indicators name the codes they count."""

    HOME_UNAVAILABLE = "home_unavailable", "首页无法访问"
    HOME_NOT_UPDATED = "home_not_updated", "首页不更新"
    STALE_COLUMN = "stale_column", "栏目不更新"
    BLANK_COLUMN = "blank_column", "空白栏目"
    DEAD_LINK = "dead_link", "错误链接"
    DEAD_EXTERNAL_LINK = "dead_external_link", "错误外部链接"
    DEAD_IMAGE = "dead_image", "图片无法显示"
    DEAD_ATTACHMENT = "dead_attachment", "附件无法下载"
    MISSING_FRAGMENT = "missing_fragment", "页内锚点不存在"
    RATE_LIMITED = "rate_limited", "访问受限（429）"
    META_TAGS = "meta_tags", "元数据缺失或错误"
    SITE_CODE = "site_code", "网站标识码缺失或格式错误"
    FOOTER = "footer", "页脚必备信息缺失"
    IMAGE_ALT = "image_alt", "图片缺少替代文本"
    PAGE_LANG = "page_lang", "页面未声明语言"
    HEADING_ORDER = "heading_order", "标题层级跳跃"
    FIELD_LABEL = "field_label", "表单字段缺少标签"
    DISCLOSURE_GUIDE = "disclosure_guide", "缺少政府信息公开指南"
    ANNUAL_REPORT = "annual_report", "未发布上年度信息公开年度报告"
    OVERDUE_REQUEST = "overdue_request", "依申请公开逾期未答复"
    SECURITY_HEADERS = "security_headers", "安全响应头缺失"
    MIXED_CONTENT = "mixed_content", "HTTPS 页面引用 HTTP 资源"
    UNANSWERED_QUESTION = "unanswered_question", "在线访谈提问逾期未答复"


class IndicatorKind(models.TextChoices):
    VETO = "veto", "单项否决"
    DEDUCTION = "deduction", "扣分"
    ASSESSED = "assessed", "评审扣分"
    BONUS = "bonus", "加分"


class Verdict(models.TextChoices):
    PASS = "pass", "合格"
    FAIL = "fail", "不合格"


class RunStatus(models.TextChoices):
    RUNNING = "running", "进行中"
    DONE = "done", "已完成"
    FAILED = "failed", "失败"


class RunTrigger(models.TextChoices):
    MANUAL = "manual", "手动"
    SCHEDULED = "scheduled", "定时"
    DEMO = "demo", "演示"

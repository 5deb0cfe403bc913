"""The default indicator set: the 2019 national indicators (国办秘函〔2019〕19号) as data.

Plain data, so the data migration that installs it and the demo read the same lines.
"""

from decimal import Decimal

NAME = "2019年政府网站检查指标"
DESCRIPTION = (
    "依据《政府网站与政务新媒体检查指标》（国办秘函〔2019〕19号）：单项否决、100分扣分、最多30分加分，60分以下不合格。"
)
HOME_STALE_WORKING_DAYS = 10
# 互动回应: an interview's questions are answered (补录), rejected or merged within this many
# working days of its end.
INTERVIEW_ANSWER_WORKING_DAYS = 5

# column type, stale after (working days; None: not judged), may be blank
COLUMN_RULES = (
    ("news", 10, False),  # 动态要闻：两周
    ("notices", 120, False),  # 通知公告：六个月
    ("policy_files", 120, False),  # 政策文件：六个月
    ("interaction", None, True),  # 互动交流：内容来自互动系统
    ("interviews", None, True),  # 在线访谈：内容来自访谈系统
)

DISCLOSURE = ["disclosure_guide", "annual_report", "overdue_request"]
LINKS = ["dead_link", "dead_external_link", "dead_image", "dead_attachment", "missing_fragment"]

# code, name, kind, check codes, veto threshold, points per finding, max points, rule
INDICATORS = (
    ("V1", "站点无法访问", "veto", ["home_unavailable"], 1, 0, 0, "首页15秒内无法打开"),
    ("V2", "首页不更新", "veto", ["home_not_updated"], 1, 0, 0, "首页两周无更新"),
    ("V3", "栏目不更新", "veto", ["stale_column"], 5, 0, 0, "动态要闻两周、通知公告和政策文件六个月未更新的栏目达5个"),
    ("V4", "空白栏目", "veto", ["blank_column"], 5, 0, 0, "空白栏目达5个"),
    ("V5", "严重错误", "veto", [], 1, 0, 0, "领导姓名错误、泄密、违法内容、被篡改未处置、发布日期造假"),
    ("V6", "互动回应差", "veto", [], 1, 0, 0, "无有效互动渠道，或政务咨询留言超过3个月未回复"),
    ("V7", "服务不实用", "veto", [], 1, 0, 0, "无办事服务，或办事指南缺少关键要素"),
    ("D1", "栏目更新", "deduction", ["stale_column"], 1, 5, 20, "栏目未按期更新，每个扣5分"),
    ("D2", "空白栏目", "deduction", ["blank_column"], 1, 5, 15, "空白栏目，每个扣5分"),
    ("D3", "链接可用性", "deduction", LINKS, 1, 1, 10, "错误链接、图片、附件，每处扣1分"),
    ("D4", "网站标识", "deduction", ["site_code", "footer"], 1, 2, 10, "网站标识码、页脚必备信息，每项扣2分"),
    ("D5", "网页元数据", "deduction", ["meta_tags"], 1, 1, 5, "网页设计规范元数据，每项扣1分"),
    ("D6", "无障碍", "deduction", ["image_alt", "page_lang", "heading_order", "field_label"], 1, 0.5, 5, "GB/T 37668"),
    ("D7", "安全防护", "deduction", ["security_headers", "mixed_content"], 1, 1, 5, "安全响应头、混合内容"),
    ("D8", "政府信息公开", "deduction", DISCLOSURE, 1, 2, 6, "公开指南、上年度年度报告、依申请公开按期答复，每项扣2分"),
    (
        "D9",
        "互动回应",
        "deduction",
        ["unanswered_question"],
        1,
        1,
        5,
        "访谈结束5个工作日后仍有网民提问未答复，每场扣1分",
    ),
    ("E1", "专家评议", "assessed", [], 1, 0, 30, "内容质量、解读回应、办事服务、互动交流"),
    ("E2", "第三方监测", "assessed", [], 1, 0, 10, "日常监测和年终评估"),
    ("E3", "安全检测", "assessed", [], 1, 0, 10, "安全检测发现的问题"),
    ("B1", "创新发展", "bonus", [], 1, 0, 30, "门户网站创新举措加分"),
)


def as_decimal(value) -> Decimal:
    return Decimal(str(value))

"""The words of the demo cluster: departments, article templates, leaders and service guides.

`{org}` stands for the organisation's short name and `{gov}` for the government it belongs to.
Everything here is fictional and marked as demo data on the sites that show it.
"""

from sites.enums import OrganisationKind
from sites.organisations import DepartmentSpec

CITY_DEPARTMENTS = (
    DepartmentSpec("上饶市发展和改革委员会", "市发展改革委", "fgw"),
    DepartmentSpec("上饶市教育局", "市教育局", "jyj"),
    DepartmentSpec("上饶市公安局", "市公安局", "gaj"),
    DepartmentSpec("上饶市财政局", "市财政局", "czj"),
    DepartmentSpec("上饶市行政审批局", "市行政审批局", "xzspj"),
    DepartmentSpec("上饶市数据管理局", "市数据管理局", "sjglj"),
    DepartmentSpec("上饶经济技术开发区管理委员会", "上饶经开区", "srjkq", OrganisationKind.COMMITTEE),
    DepartmentSpec("三清山风景名胜区管理委员会", "三清山管委会", "sqs", OrganisationKind.COMMITTEE),
)
# 公共企事业单位 under the city: no site of their own; their catalogues and guides are on the city portal.
CITY_PUBLIC_INSTITUTIONS = (
    DepartmentSpec("上饶市自来水公司", "市自来水公司", "zls", OrganisationKind.PUBLIC_INSTITUTION),
    DepartmentSpec("国网上饶供电公司", "国网上饶供电公司", "gdgs", OrganisationKind.PUBLIC_INSTITUTION),
    DepartmentSpec("上饶市人民医院", "市人民医院", "rmyy", OrganisationKind.PUBLIC_INSTITUTION),
    DepartmentSpec("上饶市公共交通公司", "市公交公司", "gjgs", OrganisationKind.PUBLIC_INSTITUTION),
)
# Departments with a site of their own, at <slug>.<demo domain>.
CITY_DEPARTMENT_SITES = ("fgw", "jyj", "sjglj", "srjkq")

# County departments publish on their county's portal (部门动态), as the national guideline asks.
# (name, slug, the news item it publishes in the demo)
COUNTY_DEPARTMENTS = (
    ("教育体育局", "jytyj", "{org}开展秋季学期校园安全专项检查"),
    ("财政局", "czj", "{org}落实惠农补贴“一卡通”发放工作"),
    ("卫生健康委员会", "wjw", "{org}开展基层医疗卫生服务能力提升行动"),
    ("农业农村局", "nyncj", "{org}推进高标准农田建设"),
)

NEWS_TITLES = (
    "{org}召开优化营商环境工作推进会",
    "{org}部署安全生产大检查工作",
    "{org}开展“我为群众办实事”实践活动",
    "{org}推进数字政府建设取得新进展",
    "{org}召开防汛抗旱工作会议",
    "{org}举办政务公开工作业务培训",
    "{org}推动重点项目建设提速增效",
    "{org}开展政府网站与政务新媒体自查",
)
NOTICE_TITLES = (
    "{org}关于2026年国庆节假期安排的通知",
    "{org}关于公开征求意见的公告",
    "{org}关于开展政府信息公开工作年度考核的通知",
)
POLICY_TITLES = (
    "{org}关于进一步优化政务服务提升行政效能的实施意见",
    "{org}关于印发政务公开工作要点的通知",
    "{org}关于加强政府网站和政务新媒体管理的通知",
)
INTERPRETATION_TITLES = (
    "图解：{org}政务公开工作要点",
    "一图读懂{org}优化营商环境若干措施",
)

NEWS_BODY = (
    "<p>近日，{org}召开专题会议，研究部署相关工作。会议强调，要坚持以人民为中心的发展思想，"
    "把各项工作抓紧抓实抓细，切实提升群众的获得感、幸福感、安全感。</p>"
    "<p>会议要求，各单位要进一步压实责任，细化工作举措，加强统筹协调，确保各项任务按时保质完成。"
    "要坚持问题导向，聚焦群众急难愁盼问题，推动政策落地见效。</p>"
    "<p>会上，相关单位负责人汇报了工作进展情况，并就下一步工作作了发言。</p>"
)
NOTICE_BODY = (
    "<p>各有关单位：</p>"
    "<p>为做好相关工作，现将有关事项通知如下：</p>"
    "<p>一、高度重视，加强组织领导。各单位要明确责任人和联系人，确保工作有序推进。</p>"
    "<p>二、突出重点，抓好工作落实。要对照工作要求，逐项抓好落实，按时报送工作情况。</p>"
    "<p>三、严明纪律，强化督促检查。对工作不力、进度滞后的单位予以通报。</p>"
    "<p>特此通知。</p>"
)
POLICY_BODY = (
    "<p>为深入贯彻落实国家和省有关决策部署，结合本地实际，制定本文件。</p>"
    "<h3>一、总体要求</h3><p>坚持稳中求进工作总基调，以深化改革为动力，以群众满意为标准，全面提升工作水平。</p>"
    "<h3>二、主要任务</h3><p>（一）优化服务流程。全面推行“一网通办”“一次办好”。</p>"
    "<p>（二）加强信息公开。及时准确公开政策文件、办事指南和工作动态。</p>"
    "<h3>三、保障措施</h3><p>各地各部门要加强组织领导，明确责任分工，确保各项措施落到实处。</p>"
)
INTERPRETATION_BODY = (
    "<p>为便于社会公众理解相关政策，现就主要内容解读如下。</p>"
    "<h3>一、出台背景</h3><p>文件的出台是贯彻落实上级决策部署、回应群众关切的重要举措。</p>"
    "<h3>二、主要内容</h3><p>文件共分三个部分，明确了总体要求、主要任务和保障措施。</p>"
    "<h3>三、政策亮点</h3><p>突出问题导向和结果导向，进一步压缩办理时限，减少办事材料。</p>"
)
OVERVIEW_BODY = (
    "<p>{gov}位于江西省东北部，历史悠久，文化底蕴深厚，生态环境优良。</p>"
    "<p>本页面为演示数据，介绍行政区划、人口、自然地理和经济社会发展概况。</p>"
)
FUNCTIONS_BODY = (
    "<p>{org}贯彻落实党中央、国务院和省委、省政府关于相关工作的方针政策和决策部署，主要职责是：</p>"
    "<p>（一）拟订并组织实施本行政区域内相关领域的发展规划和政策措施。</p>"
    "<p>（二）负责本领域的行政审批、监督管理和公共服务工作。</p>"
    "<p>（三）完成上级交办的其他任务。</p>"
)

LEADER_SURNAMES = ("王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "胡", "朱", "高", "林")
LEADER_GIVEN_NAMES = ("建国", "志强", "海燕", "卫东", "晓明", "红梅", "国华", "文斌", "丽华", "永红", "伟", "静")
GOVERNMENT_POSITIONS = ("{role}长", "常务副{role}长", "副{role}长")
DEPARTMENT_POSITIONS = ("党组书记、局长", "党组成员、副局长")
LEADER_CV = (
    "<p>{name}，男，汉族，1972年出生，江西人，研究生学历，中共党员。</p>"
    "<p>曾任乡镇党委书记、县直部门主要负责人等职。现任{org}{position}。（演示数据）</p>"
)
LEADER_DUTIES = "<p>负责{org}全面工作或分管领域工作，联系相关部门和单位。（演示数据）</p>"

SERVICE_GUIDES = (
    {
        "title": "个体工商户设立登记",
        "legal_basis": "<p>《促进个体工商户发展条例》《中华人民共和国市场主体登记管理条例》。</p>",
        "conditions": "<p>有经营能力的公民，经营场所符合规定。</p>",
        "materials": (
            "<ol><li>个体工商户登记申请书（原件1份）</li><li>经营者身份证明（复印件1份）</li>"
            "<li>经营场所使用证明（复印件1份）</li></ol>"
        ),
        "process": "<p>网上申请或窗口申请 → 受理 → 审核 → 核准登记 → 发放营业执照。</p>",
        "time_limit": "法定3个工作日，承诺即办",
        "fees": "不收费",
    },
    {
        "title": "居民身份证申领",
        "legal_basis": "<p>《中华人民共和国居民身份证法》。</p>",
        "conditions": "<p>居住在中华人民共和国境内的年满十六周岁的中国公民。</p>",
        "materials": "<ol><li>居民户口簿（原件）</li><li>本人近期免冠照片（现场采集）</li></ol>",
        "process": "<p>申请 → 采集照片和指纹 → 审核 → 制证 → 领取。</p>",
        "time_limit": "法定60日，承诺20个工作日",
        "fees": "首次申领不收费；换领、补领每证20元",
    },
    {
        "title": "城乡居民基本医疗保险参保登记",
        "legal_basis": "<p>《中华人民共和国社会保险法》第二十五条。</p>",
        "conditions": "<p>未参加职工基本医疗保险的城乡居民。</p>",
        "materials": "<ol><li>居民身份证或户口簿（原件）</li></ol>",
        "process": "<p>线上或窗口申请 → 信息核验 → 登记 → 缴费。</p>",
        "time_limit": "即办",
        "fees": "按当年缴费标准缴纳",
    },
)
TOPICS = (
    ("优化营商环境专题", "聚焦市场主体关切，持续打造一流营商环境。"),
    ("学习贯彻党的二十届四中全会精神", "深入学习宣传贯彻全会精神，推动各项工作落地见效。"),
)

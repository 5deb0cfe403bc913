from django.db import models


class OrganisationKind(models.TextChoices):
    CITY = "city", "地级市"
    DISTRICT = "district", "市辖区"
    COUNTY = "county", "县"
    COUNTY_LEVEL_CITY = "county-level city", "县级市"
    DEPARTMENT = "department", "政府部门"
    COMMITTEE = "committee", "管委会"
    # Water, power, hospitals, schools, transport: they publish on the portal of the government above them.
    PUBLIC_INSTITUTION = "public institution", "公共企事业单位"


GOVERNMENT_KINDS = frozenset(
    {OrganisationKind.CITY, OrganisationKind.DISTRICT, OrganisationKind.COUNTY, OrganisationKind.COUNTY_LEVEL_CITY}
)


class ColumnType(models.TextChoices):
    """The fixed column vocabulary, plus 频道 for a column that only groups other columns."""

    CHANNEL = "channel", "频道"
    NEWS = "news", "动态要闻"
    NOTICES = "notices", "通知公告"
    POLICY_FILES = "policy_files", "政策文件"
    POLICY_INTERPRETATION = "interpretation", "政策解读"
    SERVICES = "services", "办事服务"
    INTERACTION = "interaction", "互动交流"
    INTERVIEWS = "interviews", "在线访谈"
    TOPICS = "topics", "专题"
    OVERVIEW = "overview", "概况信息"
    FUNCTIONS = "functions", "机构职能"
    LEADERS = "leaders", "负责人信息"


class Blueprint(models.TextChoices):
    CITY = "city", "市级门户"
    COUNTY = "county", "县级门户"
    DEPARTMENT = "department", "部门网站"


class ThemeName(models.TextChoices):
    CITY = "city", "市级门户主题"
    COUNTY = "county", "县级门户主题"
    DEPARTMENT = "department", "部门网站主题"


class Validity(models.TextChoices):
    VALID = "valid", "有效"
    AMENDED = "amended", "已修订"
    REPEALED = "repealed", "已废止"
    EXPIRED = "expired", "已失效"

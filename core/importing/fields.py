"""What each kind of file carries: its fields, the headers offices write for them, the template.

A field's `synonyms` are header texts as they appear in real files (with diacritics); matching
compares them normalised (case, spaces, line breaks, punctuation, then without diacritics).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from core.models import ImportKind


@dataclass(frozen=True)
class Field:
    name: str
    label_key: str  # catalogue key of the template header
    synonyms: tuple[str, ...] = ()
    sample: str | int | None = None  # the template's sample row
    choices_key: str | None = None  # a drop-down in the template (see workbooks.CHOICES)
    in_template: bool = True


SEQ = Field("seq", "import.field.seq", ("STT", "TT", "Số TT", "Số thứ tự", "No", "Stt"), 1)
IGNORED = "-"  # the mapping value of a column the user chose to skip


def _f(name: str, *synonyms: str, sample=None, choices: str | None = None, template=True) -> Field:
    return Field(name, f"import.field.{name}", synonyms, sample, choices, template)


_PERSON = (
    SEQ,
    _f(
        "full_name",
        "Họ và tên",
        "Họ tên",
        "Họ và tên đoàn viên",
        "Họ tên đoàn viên",
        "Họ và tên ĐV",
        "Họ tên ĐV",
        "Họ và tên người lao động",
        "Họ tên người lao động",
        "Tên đoàn viên",
        "Họ và tên CNLĐ",
        "Full name",
        sample="Nguyễn Văn An",
    ),
    _f(
        "birth_date",
        "Ngày sinh",
        "Ngày tháng năm sinh",
        "Ngày, tháng, năm sinh",
        "Năm sinh",
        "Sinh ngày",
        "NS",
        "Date of birth",
        sample="05/03/1990",
    ),
    # Forms that write the birth date (or a tick) under a `Nam` or a `Nữ` column.
    _f("birth_male", "Ngày sinh Nam", "Năm sinh Nam", "Giới tính Nam", "Nam", template=False),
    _f("birth_female", "Ngày sinh Nữ", "Năm sinh Nữ", "Giới tính Nữ", "Nữ", template=False),
    _f(
        "gender",
        "Giới tính",
        "GT",
        "Giới",
        "Nam/Nữ",
        "Giới tính (Nam/Nữ)",
        "Gender",
        sample="Nam",
        choices="gender",
    ),
    _f(
        "cccd",
        "Số CCCD",
        "CCCD",
        "Căn cước công dân",
        "Số căn cước công dân",
        "Số căn cước",
        "Số CCCD/CMND",
        "CCCD/CMND",
        "CMND/CCCD",
        "Số CMND/CCCD",
        "Số CMND",
        "CMND",
        "Số định danh",
        "Số định danh cá nhân",
        "Mã định danh",
        "Số CCCD/Hộ chiếu",
        "ID",
        sample="031090001234",
    ),
    _f("passport_no", "Số hộ chiếu", "Hộ chiếu", "Passport", sample=None),
    _f("nationality", "Quốc tịch", "Nationality", sample="Việt Nam"),
    _f(
        "union",
        "CĐCS",
        "Tên CĐCS",
        "Công đoàn cơ sở",
        "Tên công đoàn cơ sở",
        "Đơn vị",
        "Tên đơn vị",
        "Đơn vị công tác",
        "Sinh hoạt tại CĐCS",
        sample="CĐCS Công ty TNHH Minh Phát",
    ),
    _f("card_no", "Số thẻ", "Số thẻ đoàn viên", "Số thẻ ĐV", "Mã thẻ", sample="DV0000123"),
)

MEMBER_FIELDS = (
    *_PERSON,
    _f(
        "joined_on",
        "Ngày kết nạp",
        "Ngày vào công đoàn",
        "Ngày vào CĐ",
        "Ngày kết nạp đoàn viên",
        "Ngày KN",
        "Thời gian kết nạp",
        "Ngày gia nhập",
        sample="02/05/2025",
    ),
    _f(
        "contract_months",
        "Thời hạn hợp đồng (tháng)",
        "Thời hạn hợp đồng",
        "Thời hạn HĐLĐ",
        "Thời hạn HĐLĐ (tháng)",
        "HĐLĐ (tháng)",
        sample=None,
    ),
    _f(
        "has_application",
        "Đơn gia nhập",
        "Đơn xin gia nhập",
        "Có đơn",
        "Đơn tự nguyện",
        sample="Có",
        choices="yes_no",
    ),
    # The members export lists those who left too; reading these keeps them as they are.
    _f("status", "Trạng thái", "Trạng thái sinh hoạt", "Tình trạng sinh hoạt", template=False),
    _f("left_on", "Ngày ra khỏi tổ chức", "Ngày ra khỏi CĐ", template=False),
)

DEPARTURE_FIELDS = (
    *_PERSON,
    _f(
        "left_on",
        "Ngày ra khỏi tổ chức",
        "Ngày ra",
        "Ngày ra khỏi CĐ",
        "Ngày nghỉ việc",
        "Ngày thôi việc",
        "Ngày giảm",
        "Ngày chuyển đi",
        "Ngày thôi sinh hoạt",
        sample="30/06/2025",
    ),
    _f(
        "reason",
        "Lý do",
        "Lý do ra khỏi tổ chức",
        "Lý do giảm",
        "Lý do ra",
        "Lý do nghỉ",
        sample="Nghỉ việc",
        choices="reason",
    ),
)

ENTERPRISE_FIELDS = (
    SEQ,
    _f(
        "tax_code",
        "Mã số thuế",
        "MST",
        "Mã số DN",
        "Mã số doanh nghiệp",
        "Mã số thuế/Mã số DN",
        "Mã số thuế doanh nghiệp",
        "Mã số thuế (MST)",
        "Tax code",
        sample="0201234567",
    ),
    _f(
        "name",
        "Tên doanh nghiệp",
        "Tên DN",
        "Tên người nộp thuế",
        "Tên NNT",
        "Tên đơn vị",
        "Tên công ty",
        "Tên cơ sở",
        "Doanh nghiệp",
        "Tên doanh nghiệp, đơn vị",
        "Tên đơn vị sử dụng lao động",
        "Đơn vị",
        sample="Công ty TNHH Minh Phát",
    ),
    _f(
        "address",
        "Địa chỉ",
        "Địa chỉ trụ sở",
        "Địa chỉ trụ sở chính",
        "Địa chỉ kinh doanh",
        "Địa chỉ liên hệ",
        sample="Thôn 3, xã Vĩnh Am, Hải Phòng",
    ),
    _f(
        "commune",
        "Xã",
        "Xã/thị trấn",
        "Xã, thị trấn",
        "Xã/Phường",
        "Phường/Xã",
        "Địa bàn",
        "Địa bàn xã",
        "Thuộc xã",
        sample="Vĩnh Am",
    ),
    _f(
        "ownership",
        "Loại hình",
        "Loại hình doanh nghiệp",
        "Loại hình DN",
        "Loại hình kinh tế",
        "Thành phần kinh tế",
        "Hình thức sở hữu",
        "Loại hình sở hữu",
        sample="Ngoài nhà nước (trong nước)",
        choices="ownership",
    ),
    _f(
        "trade",
        "Ngành nghề",
        "Ngành nghề kinh doanh",
        "Ngành nghề kinh doanh chính",
        "Ngành nghề chính",
        "Ngành kinh doanh",
        "Lĩnh vực",
        "Lĩnh vực hoạt động",
        sample="May mặc",
    ),
    _f(
        "worker_count",
        "Số lao động",
        "Số LĐ",
        "Tổng số lao động",
        "Tổng số LĐ",
        "Số lao động tham gia BHXH",
        "Số LĐ tham gia BHXH",
        "Số người tham gia BHXH",
        "Số CNLĐ",
        "Tổng số CNLĐ",
        "Lao động",
        "Số công nhân",
        sample=120,
    ),
    _f(
        "is_stable",
        "Tình trạng hoạt động",
        "Tình trạng",
        "Hoạt động ổn định",
        "Trạng thái",
        sample="Đang hoạt động",
    ),
    _f("has_union", "Đã có CĐCS", "Có CĐCS", "Đã thành lập CĐCS", template=False),
    _f(
        "union_since",
        "Ngày thành lập CĐCS",
        "Thời điểm thành lập CĐCS",
        "Năm thành lập CĐCS",
        sample=None,
    ),
    _f("officer", "Cán bộ phụ trách", "Người phụ trách", "Cán bộ theo dõi", sample=None),
    _f("notes", "Ghi chú", "Ghi chú khác", sample=None),
)

UNION_FIELDS = (
    SEQ,
    _f(
        "name",
        "Tên CĐCS",
        "Tên công đoàn cơ sở",
        "Công đoàn cơ sở",
        "CĐCS",
        "Tên công đoàn",
        "Tên nghiệp đoàn",
        "Tên đơn vị",
        sample="CĐCS Công ty TNHH Minh Phát",
    ),
    _f(
        "kind",
        "Loại hình CĐCS",
        "Loại CĐCS",
        "Loại hình",
        "Loại",
        "Khối",
        sample="CĐCS doanh nghiệp",
        choices="union_kind",
    ),
    _f(
        "tax_code",
        "Mã số thuế",
        "MST",
        "Mã số thuế doanh nghiệp",
        "MST doanh nghiệp",
        sample="0201234567",
    ),
    _f(
        "unit",
        "Xã",
        "Xã/thị trấn",
        "Xã, thị trấn",
        "Địa bàn",
        "Đơn vị quản lý",
        "Thuộc xã",
        sample="Vĩnh Am",
    ),
    _f("cluster", "Cụm thi đua", "Khối thi đua", "Cụm/Khối", "Cụm, khối thi đua", sample=None),
    _f(
        "decision_no",
        "Số quyết định",
        "Số QĐ",
        "Số quyết định thành lập",
        "Quyết định thành lập",
        "Số QĐ thành lập",
        "Quyết định công nhận",
        sample="125/QĐ-LĐLĐ",
    ),
    _f(
        "founded_on",
        "Ngày thành lập",
        "Ngày quyết định",
        "Ngày QĐ",
        "Ngày thành lập CĐCS",
        "Ngày ký quyết định",
        "Ngày ký QĐ",
        sample="15/05/2025",
    ),
    _f("dissolved_on", "Ngày giải thể", sample=None),
)

FIELDS: dict[str, tuple[Field, ...]] = {
    ImportKind.members: MEMBER_FIELDS,
    ImportKind.departures: DEPARTURE_FIELDS,
    ImportKind.enterprises: ENTERPRISE_FIELDS,
    ImportKind.unions: UNION_FIELDS,
}

# A file of this kind needs one of these groups of fields to be read at all.
REQUIRED: dict[str, tuple[tuple[str, ...], ...]] = {
    ImportKind.members: (("full_name",),),
    ImportKind.departures: (("cccd",), ("passport_no",), ("full_name",)),
    ImportKind.enterprises: (("name",), ("tax_code",)),
    ImportKind.unions: (("name",),),
}


def fields_of(kind: str) -> tuple[Field, ...]:
    return FIELDS[ImportKind(kind)]


@functools.lru_cache(maxsize=8)
def field_by_name(kind: str) -> dict[str, Field]:
    return {f.name: f for f in fields_of(kind)}

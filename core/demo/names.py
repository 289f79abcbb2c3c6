"""What the demo data is drawn from: the district's communes before and after the 2025
reorganisation, its clusters, and the names of people, trades and companies."""

from __future__ import annotations

import datetime as dt
import random

from core.models import UnitKind
from core.text import search_name

# Old commune (before 1/7/2025) -> new commune it became part of. The grouping is illustrative.
OLD_TO_NEW: dict[str, str] = {
    "Thị trấn Vĩnh Bảo": "Vĩnh Bảo",
    "Tân Hưng": "Vĩnh Bảo",
    "Tân Liên": "Vĩnh Bảo",
    "Lý Học": "Nguyễn Bỉnh Khiêm",
    "Trung Lập": "Nguyễn Bỉnh Khiêm",
    "Vĩnh Long": "Nguyễn Bỉnh Khiêm",
    "Cổ Am": "Vĩnh Am",
    "Tam Cường": "Vĩnh Am",
    "Liên Am": "Vĩnh Am",
    "Vĩnh Hải": "Vĩnh Hải",
    "Vĩnh An": "Vĩnh Hải",
    "Hùng Tiến": "Vĩnh Hải",
    "Vĩnh Hòa": "Vĩnh Hòa",
    "Hiệp Hòa": "Vĩnh Hòa",
    "Cao Minh": "Vĩnh Hòa",
    "Hòa Bình": "Vĩnh Thịnh",
    "Tiền Phong": "Vĩnh Thịnh",
    "Thắng Thủy": "Vĩnh Thịnh",
    "Trấn Dương": "Vĩnh Thuận",
    "Giang Biên": "Vĩnh Thuận",
    "Dũng Tiến": "Vĩnh Thuận",
    "Việt Tiến": "Vĩnh Thuận",
}
NEW_COMMUNES = [
    "Vĩnh Bảo",
    "Nguyễn Bỉnh Khiêm",
    "Vĩnh Am",
    "Vĩnh Hải",
    "Vĩnh Hòa",
    "Vĩnh Thịnh",
    "Vĩnh Thuận",
]
CLUSTERS = [
    ("Cụm thi đua số 1", UnitKind.cluster),
    ("Cụm thi đua số 2", UnitKind.cluster),
    ("Cụm thi đua số 3", UnitKind.cluster),
    ("Khối Doanh nghiệp", UnitKind.block),
    ("Khối Hành chính sự nghiệp", UnitKind.block),
]

SURNAMES = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Vũ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Phan",
    "Đinh",
    "Mạc",
    "Lương",
    "Tô",
    "Đào",
    "Cao",
]
MIDDLE_MALE = ["Văn", "Đức", "Minh", "Quang", "Hữu", "Công", "Xuân", "Thành", "Ngọc"]
MIDDLE_FEMALE = ["Thị", "Thu", "Ngọc", "Thanh", "Minh", "Hồng", "Kim", "Phương"]
GIVEN_MALE = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Giang",
    "Hải",
    "Hùng",
    "Khánh",
    "Long",
    "Nam",
    "Phong",
    "Quân",
    "Sơn",
    "Thắng",
    "Toàn",
    "Trung",
    "Tuấn",
    "Việt",
    "Vinh",
    "Hiếu",
]
GIVEN_FEMALE = [
    "Anh",
    "Chi",
    "Dung",
    "Hà",
    "Hạnh",
    "Hằng",
    "Hoa",
    "Hương",
    "Lan",
    "Linh",
    "Mai",
    "Nga",
    "Ngân",
    "Nhung",
    "Oanh",
    "Phương",
    "Quyên",
    "Thảo",
    "Trang",
    "Yến",
]
TRADES = [
    "May mặc",
    "Giày da",
    "Chế biến gỗ",
    "Cơ khí",
    "Điện tử",
    "Chế biến thực phẩm",
    "Vật liệu xây dựng",
    "Xây dựng",
    "Vận tải",
    "Thương mại",
    "Nông nghiệp công nghệ cao",
]
COMPANY_WORDS = [
    "Minh Phát",
    "Hoàng Long",
    "Thành Công",
    "An Phú",
    "Đại Dương",
    "Việt Hưng",
    "Phú Thái",
    "Hải Âu",
    "Tân Tiến",
    "Hưng Thịnh",
    "Bảo An",
    "Kim Long",
    "Sao Mai",
    "Trường Sơn",
    "Đông Á",
    "Nam Việt",
    "Thiên Phúc",
    "Hồng Hà",
    "Quang Minh",
    "Hà Anh",
]
PUBLIC_BODIES = [
    "Trường THPT Vĩnh Bảo",
    "Trường THPT Nguyễn Bỉnh Khiêm",
    "Trung tâm Y tế huyện",
    "Trường THCS Vĩnh An",
    "Trường Tiểu học Cổ Am",
    "Bệnh viện đa khoa huyện",
    "Trung tâm Văn hóa, Thông tin và Thể thao huyện",
    "Kho bạc Nhà nước huyện",
]
TRADE_UNIONS = [
    "Nghiệp đoàn xe ôm công nghệ",
    "Nghiệp đoàn nghề cá",
    "Nghiệp đoàn buôn bán chợ",
    "Nghiệp đoàn thợ xây tự do",
]


def day_in(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, (end - start).days))


_NAMES: dict[str, tuple[str, str]] = {}  # full name -> (full name, search name)


def person(rng: random.Random, index: int) -> tuple:
    """(full_name, search_name, birth_date, birth_year, gender, cccd) of one generated person."""
    female = rng.random() < 0.58
    surname = rng.choice(SURNAMES)
    middle = rng.choice(MIDDLE_FEMALE if female else MIDDLE_MALE)
    given = rng.choice(GIVEN_FEMALE if female else GIVEN_MALE)
    name = f"{surname} {middle} {given}"
    # A few thousand distinct names: compute each search form once and share the strings.
    known = _NAMES.get(name)
    if known is None:
        known = _NAMES[name] = (name, search_name(name))
    birth = day_in(rng, dt.date(1966, 1, 1), dt.date(2006, 12, 31))
    century = (0 if birth.year < 2000 else 2) + (1 if female else 0)
    province = "031" if rng.random() < 0.8 else rng.choice(["030", "034", "022", "036"])
    if index >= 1_000_000:
        # Six serial digits run out past a million people: the rest come from Hà Nội (001).
        province = f"{index // 1_000_000:03d}"
    cccd = f"{province}{century}{birth.year % 100:02d}{index % 1_000_000:06d}"
    only_year = rng.random() < 0.05
    return (
        *known,
        None if only_year else birth,
        birth.year,
        "female" if female else "male",
        cccd,
    )

STRINGS: dict[str, tuple[str, str]] = {
    # Header and filters
    "overview.title": ("Tổng quan năm {year}", "Overview {year}"),
    "overview.as_of_input": ("Số liệu đến ngày", "Figures as of"),
    "overview.as_of_help": (
        "Mặc định là hôm nay, hoặc 31/12 khi năm kế hoạch đã qua.",
        "Today by default, or 31/12 once the plan year is over.",
    ),
    "overview.unit_help": (
        "Các xã, thị trấn theo địa giới có hiệu lực vào ngày đang xem; sau đó là các cụm, khối"
        " thi đua.",
        "Communes and towns as organised on the date shown, then the emulation clusters and blocks.",
    ),
    "overview.unit_option": ("{kind} {name}", "{kind} {name}"),
    # Gauges
    "overview.targets_heading": ("Chỉ tiêu năm {year}", "Targets {year}"),
    "overview.gauge.net_growth": ("Thực tăng đoàn viên", "Net member growth"),
    "overview.gauge.workers_month_net_growth": (
        "Thực tăng trong Tháng Công nhân",
        "Net growth in Workers' Month",
    ),
    "overview.gauge.new_unions": ("CĐCS thành lập mới", "New grassroots unions"),
    "overview.gauge.workers_month_new_unions": (
        "CĐCS mới trong Tháng Công nhân",
        "New unions in Workers' Month",
    ),
    "overview.gauge.non_state_coverage_pct": (
        "NLĐ ngoài nhà nước là đoàn viên",
        "Non-state workers who are members",
    ),
    "overview.gauge.enterprises_20plus_with_union_pct": (
        "DN ổn định từ 20 lao động có CĐCS",
        "Stable 20+ worker enterprises with a union",
    ),
    "overview.gauge.help.net_growth": (
        "Số đoàn viên cuối kỳ trừ đầu kỳ = kết nạp + chuyển đến − chuyển đi − ra khỏi tổ chức."
        " Chuyển sinh hoạt giữa hai CĐCS trong liên đoàn không làm thay đổi con số toàn liên đoàn.",
        "Members at the end minus at the start = admissions + transfers in − transfers out −"
        " departures. A transfer between two unions of the federation does not change its total.",
    ),
    "overview.gauge.help.workers_month_net_growth": (
        "Thực tăng đoàn viên từ {start} đến {end} (Tháng Công nhân).",
        "Net growth from {start} to {end} (Workers' Month).",
    ),
    "overview.gauge.help.new_unions": (
        "CĐCS có ngày thành lập trong năm (kể cả CĐCS đã giải thể sau đó).",
        "Unions founded in the year (including any dissolved later).",
    ),
    "overview.gauge.help.workers_month_new_unions": (
        "CĐCS có ngày thành lập từ {start} đến {end}.",
        "Unions founded from {start} to {end}.",
    ),
    "overview.gauge.help.non_state_coverage_pct": (
        "Đoàn viên trong các doanh nghiệp ngoài nhà nước (tư nhân, FDI, hợp tác xã, hộ kinh"
        " doanh) chia cho tổng số lao động của các doanh nghiệp đó đã biết số lao động.",
        "Members in non-state enterprises divided by the workers of those enterprises whose"
        " worker count is known.",
    ),
    "overview.gauge.help.enterprises_20plus_with_union_pct": (
        "Trong các doanh nghiệp hoạt động ổn định có từ 20 lao động, tỷ lệ đã có CĐCS.",
        "Among stably operating enterprises with 20 or more workers, the share with a union.",
    ),
    "overview.gauge.ratio": ("{actual} / {target} ({share})", "{actual} / {target} ({share})"),
    "overview.gauge.ratio_no_share": ("{actual} / {target}", "{actual} / {target}"),
    "overview.gauge.no_target": (
        "Chưa giao chỉ tiêu cho đơn vị này",
        "No target allocated to this unit",
    ),
    "overview.gauge.expected": ("Cần đạt đến {date}: {value}", "Due by {date}: {value}"),
    "overview.gauge.vs_pace": ("so với tiến độ", "against the pace"),
    "overview.gauge.vs_target": ("so với chỉ tiêu", "against the target"),
    "overview.gauge.points": ("{value} điểm %", "{value} pts"),
    "overview.gauge.coverage_detail": (
        "{members} / {workers} lao động là đoàn viên",
        "{members} / {workers} workers are members",
    ),
    "overview.gauge.union_share_detail": (
        "{with_union} / {total} doanh nghiệp có CĐCS",
        "{with_union} / {total} enterprises have a union",
    ),
    "overview.gauge.legend": (
        ":green[■] đạt hoặc vượt tiến độ · :orange[■] chậm dưới 10 % · :red[■] chậm từ 10 % trở"
        " lên · ▮ vạch đen: mức cần đạt đến {date} nếu thực hiện đều từ đầu kỳ",
        ":green[■] on or ahead of pace · :orange[■] less than 10 % behind · :red[■] 10 % or more"
        " behind · ▮ black mark: what an even pace reaches by {date}",
    ),
    "overview.gauge.status.ahead": ("Đạt tiến độ", "On pace"),
    "overview.gauge.status.near": ("Chậm dưới 10 %", "Slightly behind"),
    "overview.gauge.status.behind": ("Chậm tiến độ", "Behind"),
    "overview.gauge.status.none": ("Chưa giao chỉ tiêu", "No target"),
    # Chart texts
    "overview.chart.actual": ("Đã đạt", "Actual"),
    "overview.chart.target": ("Chỉ tiêu", "Target"),
    "overview.chart.expected": ("Cần đạt đến nay", "Due by now"),
    "overview.chart.status": ("Đánh giá", "Status"),
    "overview.chart.month": ("Tháng", "Month"),
    "overview.chart.month_label": ("T{month}", "M{month}"),
    "overview.chart.until": ("Đến ngày", "Up to"),
    "overview.chart.cumulative_net": ("Thực tăng lũy kế", "Cumulative net growth"),
    "overview.chart.pace_line": ("Chỉ tiêu, tiến độ đều", "Target at an even pace"),
    "overview.chart.projection_line": ("Dự báo đến 31/12", "Projected to 31/12"),
    "overview.chart.members": ("Đoàn viên", "Members"),
    "overview.chart.series": ("Đường", "Series"),
    "overview.chart.value": ("Số liệu", "Value"),
    "overview.chart.admitted": ("Kết nạp mới", "Admissions"),
    "overview.chart.departures": ("Ra khỏi tổ chức", "Departures"),
    "overview.chart.movement": ("Biến động", "Movement"),
    "overview.chart.net": ("Thực tăng", "Net growth"),
    "overview.chart.unit": ("Đơn vị", "Unit"),
    # Monthly section
    "overview.monthly_heading": ("Thực tăng đoàn viên theo tháng", "Net growth by month"),
    "overview.cumulative_caption": (
        "Lũy kế thực tăng từ đầu năm so với đường tiến độ từ 0 đến chỉ tiêu ngày 31/12.",
        "Net growth since 1 January against the even pace from 0 to the target on 31/12.",
    ),
    "overview.movements_caption": (
        "Kết nạp mới và ra khỏi tổ chức từng tháng.",
        "Admissions and departures month by month.",
    ),
    "overview.admissions": ("Kết nạp mới", "Admissions"),
    "overview.departures": ("Ra khỏi tổ chức", "Departures"),
    "overview.transfers_help": (
        "Chuyển đến {transfers_in} · chuyển đi {transfers_out} (trong phạm vi đang xem).",
        "Transferred in {transfers_in} · out {transfers_out} (within the scope shown).",
    ),
    "overview.projection": ("Dự báo thực tăng cả năm", "Projected net growth for the year"),
    "overview.projection_final": ("Kết quả thực tăng cả năm", "Net growth for the whole year"),
    "overview.projection_explained": (
        "Dự báo = số đã đạt + nhịp bình quân 90 ngày gần nhất × số ngày còn lại đến 31/12.",
        "Projection = reached so far + the average pace of the last 90 days × days left to 31/12.",
    ),
    "overview.projection_final_explained": (
        "Năm kế hoạch đã kết thúc: đây là số thực đạt, không còn là dự báo.",
        "The plan year is over: this is the final figure, not a projection.",
    ),
    "overview.prospects": ("DN cần vận động", "Prospects"),
    "overview.prospects_help": (
        "Doanh nghiệp có từ 20 lao động trở lên chưa có CĐCS.",
        "Enterprises with 20 or more workers and no union.",
    ),
    "overview.no_months": (
        "Chưa có số liệu tháng nào đến ngày đang xem.",
        "No month has figures up to the date shown.",
    ),
    # Breakdowns
    "overview.breakdown_heading": ("Kết quả theo đơn vị", "Results by unit"),
    "overview.by_commune": ("Theo xã, thị trấn", "By commune"),
    "overview.by_cluster": ("Theo cụm, khối thi đua", "By cluster and block"),
    "overview.breakdown_caption": (
        "Thực tăng từ 01/01 đến {date}; vạch đen: mức cần đạt đến nay theo chỉ tiêu đã giao.",
        "Net growth from 1 January to {date}; black mark: what the allocated target needs by now.",
    ),
    "overview.breakdown_empty": ("Không có số liệu cho phần này.", "Nothing to show here."),
    "overview.unassigned": ("Chưa xác định", "Unassigned"),
    "overview.col.unit": ("Đơn vị", "Unit"),
    "overview.col.net": ("Thực tăng", "Net growth"),
    "overview.col.target": ("Chỉ tiêu", "Target"),
    "overview.col.share": ("Đạt %", "Reached %"),
    "overview.col.admitted": ("Kết nạp", "Admitted"),
    "overview.col.departures": ("Ra khỏi", "Left"),
    "overview.col.new_unions": ("CĐCS mới", "New unions"),
    # Prospects
    "overview.prospects_heading": (
        "Doanh nghiệp cần vận động thành lập CĐCS",
        "Enterprises to organise",
    ),
    "overview.prospects_top": (
        "{shown} doanh nghiệp đông lao động nhất trong tổng số {total}.",
        "The {shown} largest of {total}.",
    ),
    "overview.prospects_none": (
        "Không còn doanh nghiệp từ 20 lao động nào chưa có CĐCS.",
        "No enterprise with 20 or more workers is without a union.",
    ),
    "overview.col.enterprise": ("Doanh nghiệp", "Enterprise"),
    "overview.col.commune": ("Xã, thị trấn", "Commune"),
    "overview.col.workers": ("Số lao động", "Workers"),
    "overview.col.ownership": ("Loại hình", "Ownership"),
    "overview.col.stage": ("Giai đoạn vận động", "Organising stage"),
    "overview.col.officer": ("Cán bộ phụ trách", "Officer"),
}

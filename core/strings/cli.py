STRINGS: dict[str, tuple[str, str]] = {
    "cli.description": (
        "Công cụ dòng lệnh của hệ thống theo dõi phát triển đoàn viên.",
        "Command line of the union growth tracker.",
    ),
    "cli.error": ("Lỗi: {message}", "Error: {message}"),
    "cli.db_error": (
        "không truy cập được cơ sở dữ liệu ({detail}).",
        "the database cannot be used ({detail}).",
    ),
    "cli.unexpected": (
        "lỗi không mong muốn ({detail}). Vui lòng báo quản trị viên.",
        "unexpected error ({detail}). Please tell an administrator.",
    ),
    "cli.init_done": ("Đã tạo/cập nhật cấu trúc cơ sở dữ liệu.", "Schema created or migrated."),
    "cli.seed_done": (
        "Đã nạp dữ liệu mẫu ({scale}): {members} đoàn viên, {unions} CĐCS, {enterprises} doanh nghiệp.",
        "Demo data loaded ({scale}): {members} members, {unions} unions, {enterprises} enterprises.",
    ),
    "cli.seed_not_empty": (
        "cơ sở dữ liệu đã có dữ liệu; dữ liệu mẫu chỉ nạp vào cơ sở dữ liệu trống.",
        "the database is not empty; demo data loads only into an empty database.",
    ),
    "cli.seed_skipped": (
        "Cơ sở dữ liệu đã có dữ liệu, bỏ qua dữ liệu mẫu.",
        "The database already has data; demo data skipped.",
    ),
    "cli.user_created": ("Đã tạo tài khoản {name} ({role}).", "Account {name} ({role}) created."),
    "cli.user_password": (
        "Mật khẩu (chỉ hiển thị một lần): {password}",
        "Password (shown once only): {password}",
    ),
    "cli.first_admin": (
        "Đã tạo tài khoản quản trị đầu tiên «{name}». Mật khẩu dùng một lần (hãy đổi ngay khi "
        "đăng nhập): {password}",
        "First administrator «{name}» created. One-time password (change it at first login): "
        "{password}",
    ),
    "cli.no_plan": ("chưa có kế hoạch năm {year}.", "there is no plan for {year}."),
    "cli.unit_unknown": ("không tìm thấy đơn vị «{name}».", "no unit named «{name}»."),
    "cli.bad_date": (
        "ngày «{value}» không hợp lệ, cần dạng YYYY-MM-DD.",
        "«{value}» is not a date; use YYYY-MM-DD.",
    ),
    "user.name_required": ("cần tên đăng nhập.", "a user name is required."),
    "user.bad_role": ("vai trò «{role}» không hợp lệ.", "«{role}» is not a role."),
    "user.password_short": (
        "mật khẩu phải có ít nhất {n} ký tự.",
        "the password must have at least {n} characters.",
    ),
    "user.exists": ("tài khoản «{name}» đã tồn tại.", "the account «{name}» already exists."),
    "user.names_clash": (
        "không nâng cấp được cơ sở dữ liệu: các tài khoản sau trùng tên khi không phân biệt chữ"
        " hoa, chữ thường: {accounts}. Hãy xác định tài khoản nào là thật, đổi tên tài khoản còn"
        " lại (ví dụ: {sql}) rồi chạy lại python -m core init-db.",
        "cannot upgrade the database: these accounts have the same name once case is ignored:"
        " {accounts}. Decide which account is genuine, rename the other (for example: {sql}) and"
        " run python -m core init-db again.",
    ),
    "progress.heading": (
        "Năm {year} — {unit} — số liệu đến ngày {date}",
        "{year} — {unit} — figures as of {date}",
    ),
    "progress.net_growth": ("Thực tăng đoàn viên", "Net member growth"),
    "progress.admissions": ("Kết nạp mới", "Admissions"),
    "progress.departures": ("Ra khỏi tổ chức", "Departures"),
    "progress.new_unions": ("CĐCS thành lập mới", "New grassroots unions"),
    "progress.wm_net_growth": ("Thực tăng Tháng Công nhân", "Net growth in Workers' Month"),
    "progress.wm_new_unions": ("CĐCS mới trong Tháng Công nhân", "New unions in Workers' Month"),
    "progress.coverage": (
        "Tỷ lệ NLĐ khu vực ngoài nhà nước là đoàn viên",
        "Non-state workers who are members",
    ),
    "progress.union_share": (
        "Tỷ lệ DN ổn định từ 20 lao động có CĐCS",
        "Stable enterprises with 20+ workers that have a union",
    ),
    "progress.prospects": ("Doanh nghiệp cần vận động (≥ 20 LĐ, chưa có CĐCS)", "Prospects"),
}

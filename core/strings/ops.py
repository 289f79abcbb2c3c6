"""Backup and restore (core/backup.py, `python -m core backup|restore`)."""

STRINGS: dict[str, tuple[str, str]] = {
    "backup.done": (
        "Đã sao lưu cơ sở dữ liệu ({backend}) vào {file} ({size}).",
        "Database ({backend}) backed up to {file} ({size}).",
    ),
    "backup.restored": (
        "Đã khôi phục cơ sở dữ liệu ({backend}) từ {file}.",
        "Database ({backend}) restored from {file}.",
    ),
    "backup.not_a_backup": (
        "tệp {file} không phải là bản sao lưu của hệ thống này; không khôi phục gì.",
        "{file} is not a backup of this application; nothing was restored.",
    ),
    "backup.damaged": (
        "bản sao lưu {file} bị hỏng; không khôi phục gì.",
        "the backup {file} is damaged; nothing was restored.",
    ),
    "backup.other_schema": (
        "bản sao lưu {file} thuộc schema {schema}, không phải schema của DATABASE_URL; "
        "không khôi phục gì.",
        "the backup {file} holds schema {schema}, not the one DATABASE_URL uses; "
        "nothing was restored.",
    ),
    "backup.missing_file": ("không tìm thấy tệp {file}.", "file {file} not found."),
    "backup.missing_database": (
        "không tìm thấy cơ sở dữ liệu {database}.",
        "database {database} not found.",
    ),
    "backup.unsupported": (
        "không sao lưu được loại cơ sở dữ liệu {backend}.",
        "cannot back up a {backend} database.",
    ),
    "backup.tool_missing": (
        "thiếu chương trình {tool} (cài gói postgresql-client).",
        "{tool} is missing (install postgresql-client).",
    ),
    "backup.tool_failed": ("{tool} báo lỗi: {detail}", "{tool} failed: {detail}"),
    "backup.too_big": (
        "Bản sao lưu nặng {size}, quá {max} MB để tải qua trình duyệt. Hãy chạy trên máy chủ:"
        " python -m core backup TÊN_TỆP",
        "The backup is {size}, over the {max} MB a browser download may take. Run on the server:"
        " python -m core backup FILE",
    ),
    "backup.passphrase_short": (
        "Cụm mật khẩu bảo vệ bản sao lưu phải có ít nhất {n} ký tự.",
        "The passphrase protecting the backup needs at least {n} characters.",
    ),
    "backup.passphrase_needed": (
        "bản sao lưu {file} đã được mã hóa: cần cụm mật khẩu (--passphrase-file TỆP, hoặc chạy"
        " trong cửa sổ lệnh để được hỏi).",
        "the backup {file} is encrypted: its passphrase is needed (--passphrase-file FILE, or run"
        " in a terminal to be asked).",
    ),
    "backup.wrong_passphrase": (
        "cụm mật khẩu không đúng, hoặc tệp {file} đã bị thay đổi; không khôi phục gì.",
        "wrong passphrase, or the file {file} was altered; nothing was restored.",
    ),
    "backup.passphrase_prompt": ("Cụm mật khẩu của bản sao lưu: ", "Passphrase of the backup: "),
    "admin_backup.passphrase": ("Cụm mật khẩu bảo vệ bản sao lưu", "Passphrase for the backup"),
    "admin_backup.passphrase_again": ("Nhập lại cụm mật khẩu", "The passphrase again"),
    "admin_backup.passphrase_help": (
        "Bản sao lưu chứa toàn bộ dữ liệu, kể cả số CCCD, nên được mã hóa bằng cụm mật khẩu này."
        " Cần đúng cụm mật khẩu khi khôi phục; hãy cất giữ nó ở nơi khác với tệp sao lưu.",
        "The backup holds all the data, CCCD numbers included, so it is encrypted with this"
        " passphrase. The same passphrase is needed to restore it; keep it apart from the file.",
    ),
    "admin_backup.passphrases_differ": (
        "Hai lần nhập cụm mật khẩu không khớp nhau.",
        "The two passphrases differ.",
    ),
    "nav.admin_backup": ("Sao lưu dữ liệu", "Backup"),
    "admin_backup.heading": ("Sao lưu dữ liệu", "Backup"),
    "admin_backup.intro": (
        "Tạo một bản sao đầy đủ, nhất quán của toàn bộ dữ liệu ngay lúc này, trong khi mọi người"
        " vẫn làm việc bình thường, rồi tải về máy để cất giữ (ổ đĩa khác, USB). Nên sao lưu"
        " trước mỗi lần nhập dữ liệu lớn và ít nhất mỗi tuần một lần.",
        "Make a full, consistent copy of all the data now, while everyone keeps working, and save"
        " it on your computer (another disk, a USB stick). Back up before each large import and at"
        " least once a week.",
    ),
    "admin_backup.database": ("Cơ sở dữ liệu: {backend}", "Database: {backend}"),
    "admin_backup.make": ("Tạo bản sao lưu", "Make a backup"),
    "admin_backup.working": ("Đang sao lưu…", "Backing up…"),
    "admin_backup.ready": (
        "Đã tạo bản sao lưu {file} ({size}) lúc {at}. Bấm nút dưới đây để tải về.",
        "Backup {file} ({size}) made at {at}. Use the button below to save it.",
    ),
    "admin_backup.save": ("Tải bản sao lưu về máy", "Save the backup"),
    "admin_backup.restore_heading": ("Khôi phục từ bản sao lưu", "Restoring a backup"),
    "admin_backup.restore_how": (
        "Khôi phục thay thế toàn bộ dữ liệu hiện có, nên chỉ làm trên máy chủ, khi không ai đang"
        " nhập liệu: `python -m core restore TÊN_TỆP` (sẽ được hỏi cụm mật khẩu). Tệp không phải"
        " bản sao lưu của hệ thống này sẽ bị từ chối và dữ liệu giữ nguyên.",
        "A restore replaces all the data there is, so it is done on the server while nobody is"
        " entering data: `python -m core restore FILE` (it asks for the passphrase). A file that is"
        " not a backup of this"
        " application is refused and the data stays as it was.",
    ),
    "admin_backup.last": ("Lần sao lưu gần nhất: {at} ({who})", "Last backup: {at} ({who})"),
    "admin_backup.never": (
        "Chưa có lần sao lưu nào được tạo từ ứng dụng.",
        "No backup has been made from the app yet.",
    ),
    "table.database": ("Cơ sở dữ liệu", "Database"),
}

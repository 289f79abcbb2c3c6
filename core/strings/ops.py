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
}

"""Strings of the importer, the exports, the templates and the Upload page."""

STRINGS: dict[str, tuple[str, str]] = {
    # kinds
    "import.kind.members": ("Đoàn viên kết nạp", "Members admitted"),
    "import.kind.departures": ("Đoàn viên ra khỏi tổ chức", "Members who left"),
    "import.kind.enterprises": ("Doanh nghiệp", "Enterprises"),
    "import.kind.unions": ("Công đoàn cơ sở", "Grassroots unions"),
    # fields (template headers)
    "import.field.seq": ("STT", "No."),
    "import.field.full_name": ("Họ và tên", "Full name"),
    "import.field.birth_date": ("Ngày sinh", "Date of birth"),
    "import.field.birth_year": ("Năm sinh", "Year of birth"),
    "import.field.birth_male": ("Ngày sinh (Nam)", "Date of birth (male)"),
    "import.field.birth_female": ("Ngày sinh (Nữ)", "Date of birth (female)"),
    "import.field.gender": ("Giới tính", "Gender"),
    "import.field.cccd": ("Số CCCD/CMND", "Citizen ID"),
    "import.field.passport_no": ("Số hộ chiếu", "Passport number"),
    "import.field.nationality": ("Quốc tịch", "Nationality"),
    "import.field.union": ("CĐCS", "Grassroots union"),
    "import.field.card_no": ("Số thẻ đoàn viên", "Membership card number"),
    "import.field.joined_on": ("Ngày kết nạp", "Admitted on"),
    "import.field.contract_months": ("Thời hạn HĐLĐ (tháng)", "Contract length (months)"),
    "import.field.has_application": ("Đơn gia nhập", "Written application"),
    "import.field.left_on": ("Ngày ra khỏi tổ chức", "Left on"),
    "import.field.reason": ("Lý do", "Reason"),
    "import.field.status": ("Trạng thái", "Status"),
    "import.field.tax_code": ("Mã số thuế", "Tax code"),
    "import.field.name": ("Tên", "Name"),
    "import.field.address": ("Địa chỉ", "Address"),
    "import.field.commune": ("Xã/thị trấn", "Commune"),
    "import.field.commune_name": ("Xã/thị trấn", "Commune"),
    "import.field.unit_id": ("Đơn vị", "Unit"),
    "import.field.ownership": ("Loại hình", "Ownership"),
    "import.field.trade": ("Ngành nghề", "Trade"),
    "import.field.worker_count": ("Số lao động", "Workers"),
    "import.field.is_stable": ("Tình trạng hoạt động", "Operating status"),
    "import.field.has_union": ("Đã có CĐCS", "Has a union"),
    "import.field.union_since": ("Ngày thành lập CĐCS", "Union since"),
    "import.field.officer": ("Cán bộ phụ trách", "Officer"),
    "import.field.notes": ("Ghi chú", "Notes"),
    "import.field.kind": ("Loại hình CĐCS", "Union kind"),
    "import.field.unit": ("Xã/thị trấn", "Commune"),
    "import.field.cluster": ("Cụm/Khối thi đua", "Cluster/block"),
    "import.field.decision_no": ("Số quyết định thành lập", "Founding decision no."),
    "import.field.founded_on": ("Ngày thành lập", "Founded on"),
    "import.field.dissolved_on": ("Ngày giải thể", "Dissolved on"),
    "import.field.enterprise_id": ("Doanh nghiệp", "Enterprise"),
    "import.field.cluster_id": ("Cụm/Khối thi đua", "Cluster/block"),
    "import.field.search_name": ("Tên tìm kiếm", "Search name"),
    "import.field.ignored": ("— Bỏ qua cột này —", "— Skip this column —"),
    # template-specific headers (enterprises and unions name their own name column)
    "import.template.name.enterprises": ("Tên doanh nghiệp", "Enterprise name"),
    "import.template.name.unions": ("Tên CĐCS", "Union name"),
    "import.template.sheet": ("Danh sách", "List"),
    "import.template.help_sheet": ("Hướng dẫn", "Instructions"),
    "import.template.help": (
        "Mỗi dòng một bản ghi, bắt đầu từ dòng 2. Ngày ghi dd/mm/yyyy (ngày sinh có thể chỉ ghi "
        "năm). Số CCCD ghi đủ 12 chữ số. Xóa dòng mẫu trước khi gửi.",
        "One record per row, from row 2. Dates as dd/mm/yyyy (a birth date may be a year). "
        "Citizen IDs with all 12 digits. Delete the sample row before sending.",
    ),
    "import.yes": ("Có", "Yes"),
    "import.no": ("Không", "No"),
    # operations shown in the preview
    "import.operation.admit": ("Kết nạp mới", "New admission"),
    "import.operation.readmit": ("Kết nạp lại", "Admitted again"),
    "import.operation.revive": ("Thêm lại bản ghi đã xóa", "Record added again"),
    "import.operation.transfer": ("Chuyển sinh hoạt", "Transfer"),
    "import.operation.update": ("Cập nhật thông tin", "Details updated"),
    "import.operation.leave": ("Ra khỏi tổ chức", "Leaves"),
    "import.operation.create": ("Thêm doanh nghiệp", "New enterprise"),
    "import.operation.found": ("Thành lập CĐCS", "New union"),
    "import.change": ("{field}: {before} → {after}", "{field}: {before} → {after}"),
    "import.action.add": ("Thêm mới", "Add"),
    "import.action.change": ("Thay đổi", "Change"),
    "import.action.unchanged": ("Không đổi", "Unchanged"),
    "import.action.refuse": ("Bị từ chối", "Refused"),
    # file-level errors
    "import.error.too_big": (
        "Tệp quá lớn: chỉ nhận tệp đến {mb} MB.",
        "The file is too large: files up to {mb} MB are accepted.",
    ),
    "import.error.unpacked_too_big": (
        "Tệp Excel chứa lượng dữ liệu nén bất thường (khi giải nén lớn gấp nhiều lần tệp), nên "
        "không được đọc. Hãy mở tệp bằng Excel, chép riêng danh sách sang tệp mới rồi tải lên.",
        "The Excel file unpacks to an abnormal amount of data, so it is not read. Open it in "
        "Excel, copy the list alone into a new file and upload that.",
    ),
    "import.error.sheet_too_large": (
        "Tệp Excel khai báo vùng dữ liệu đến ô {cell}, quá lớn để đọc. Hãy xóa các ô thừa ở xa "
        "(Ctrl+End để tìm) hoặc chép riêng danh sách sang tệp mới rồi tải lên.",
        "The Excel file declares data up to cell {cell}, too large to read. Delete the stray "
        "far-away cells (Ctrl+End finds them) or copy the list into a new file and upload that.",
    ),
    "import.error.read_failed": (
        "Không đọc được tệp: việc đọc cần quá nhiều bộ nhớ (thường do một ô dữ liệu nằm rất xa, "
        "ví dụ ô XFD1048576) hoặc tệp bị hỏng. Hệ thống vẫn hoạt động bình thường. Hãy chép riêng "
        "danh sách sang tệp mới rồi tải lên.",
        "The file could not be read: reading it needs too much memory (usually a cell far away, "
        "such as XFD1048576) or the file is damaged. The system keeps working normally. Copy the "
        "list alone into a new file and upload that.",
    ),
    "import.error.read_timeout": (
        "Đọc tệp mất hơn {seconds} giây nên đã dừng. Hãy chia tệp thành các tệp nhỏ hơn.",
        "Reading the file took more than {seconds} seconds and was stopped. Split it into "
        "smaller files.",
    ),
    "import.error.empty": ("Tệp trống, không có dữ liệu.", "The file is empty."),
    "import.error.no_data": (
        "Tệp không có dòng dữ liệu nào.",
        "The file has no data in any sheet.",
    ),
    "import.error.not_spreadsheet": (
        "Tệp không phải bảng tính: chỉ nhận tệp Excel (.xlsx) hoặc CSV/TXT.",
        "This is not a spreadsheet: only Excel (.xlsx) or CSV/TXT files are accepted.",
    ),
    "import.error.broken": (
        "Tệp Excel bị hỏng, không đọc được. Hãy mở lại bằng Excel và lưu thành .xlsx.",
        "The Excel file is damaged. Open it in Excel and save it again as .xlsx.",
    ),
    "import.error.password": (
        "Tệp có đặt mật khẩu. Hãy bỏ mật khẩu rồi tải lên lại.",
        "The file is password-protected. Remove the password and upload it again.",
    ),
    "import.error.no_header": (
        "Không tìm thấy dòng tiêu đề: không cột nào khớp với mẫu. Hãy kiểm tra loại tệp đã chọn "
        "hoặc dùng tệp mẫu.",
        "No header row found: no column matches the template. Check the kind chosen or use the "
        "template.",
    ),
    "import.error.header_incomplete": (
        "Thiếu cột bắt buộc ({fields}). Hãy chọn lại cột cho đúng.",
        "A required column is missing ({fields}). Fix the column matching.",
    ),
    "import.error.no_rows": (
        "Tìm thấy dòng tiêu đề nhưng không có dòng dữ liệu nào bên dưới.",
        "The header was found but there are no data rows under it.",
    ),
    # row-level reasons
    "import.reason.name_missing": ("Thiếu họ và tên.", "The name is missing."),
    "import.reason.name_digits": ("Họ và tên có chữ số.", "The name contains digits."),
    "import.reason.too_long": ("Nội dung dài quá {n} ký tự.", "Longer than {n} characters."),
    "import.reason.date_bad": (
        "Ngày «{value}» không hợp lệ (cần dd/mm/yyyy hoặc năm).",
        "«{value}» is not a date (use dd/mm/yyyy or a year).",
    ),
    "import.reason.date_future": ("Ngày ở tương lai.", "The date is in the future."),
    "import.reason.date_too_old": ("Ngày trước năm 1900.", "The date is before 1900."),
    "import.reason.count_bad": (
        "«{value}» không phải số nguyên.",
        "«{value}» is not a whole number.",
    ),
    "import.reason.cccd_length": (
        "Số CCCD «{value}» phải có 12 chữ số (CMND cũ: 9 chữ số).",
        "Citizen ID «{value}» must have 12 digits (old ID card: 9).",
    ),
    "import.reason.cccd_province": (
        "Số CCCD có mã tỉnh «{code}» không tồn tại.",
        "The citizen ID starts with an unknown province code «{code}».",
    ),
    "import.reason.cccd_bad": (
        "Số CCCD/hộ chiếu «{value}» không hợp lệ.",
        "«{value}» is not a citizen ID or passport number.",
    ),
    "import.reason.tax_code_bad": (
        "Mã số thuế «{value}» phải có 10 chữ số, hoặc 13 (dạng 0201234567-001).",
        "Tax code «{value}» must have 10 digits, or 13 (as 0201234567-001).",
    ),
    "import.reason.gender_bad": (
        "Giới tính «{value}» không hợp lệ (Nam/Nữ).",
        "«{value}» is not a gender (Nam/Nữ).",
    ),
    "import.reason.both_male_female": (
        "Ghi ở cả cột Nam và cột Nữ.",
        "Both the Nam and the Nữ columns are filled.",
    ),
    "import.reason.yes_no_bad": ("«{value}» không phải Có/Không.", "«{value}» is not yes/no."),
    "import.reason.ownership_bad": (
        "Loại hình «{value}» không rõ (Nhà nước, Ngoài nhà nước, FDI, Hợp tác xã, Hộ kinh doanh).",
        "Unknown ownership «{value}» (state, non-state, FDI, cooperative, household).",
    ),
    "import.reason.reason_bad": (
        "Lý do «{value}» không rõ (Nghỉ việc, Nghỉ hưu, Chuyển đi, Từ trần, Xóa tên).",
        "Unknown reason «{value}» (quit, retired, moved away, died, removed).",
    ),
    "import.reason.union_kind_bad": (
        "Loại hình CĐCS «{value}» không rõ (Doanh nghiệp, Cơ quan/đơn vị, Nghiệp đoàn).",
        "Unknown union kind «{value}» (enterprise, public body, trade).",
    ),
    "import.reason.stable_bad": (
        "Tình trạng hoạt động «{value}» không rõ.",
        "Unknown operating status «{value}».",
    ),
    "import.reason.nationality_missing": (
        "Có số hộ chiếu nhưng thiếu quốc tịch.",
        "A passport number without a nationality.",
    ),
    "import.reason.person_missing": (
        "Thiếu cả số CCCD và họ tên: không xác định được đoàn viên.",
        "Neither citizen ID nor name: the member cannot be identified.",
    ),
    "import.reason.left_on_missing": (
        "Thiếu ngày ra khỏi tổ chức.",
        "The leaving date is missing.",
    ),
    "import.reason.status_bad": (
        "Trạng thái «{value}» không rõ (Đang sinh hoạt, Đã ra khỏi tổ chức).",
        "Unknown status «{value}» (active, left).",
    ),
    "import.reason.status_active_left": (
        "Dòng ghi «Đang sinh hoạt» nhưng có ngày ra khỏi tổ chức {date}.",
        "The row says active but gives a leaving date, {date}.",
    ),
    "import.reason.left_not_recorded": (
        "Dòng ghi đoàn viên đã ra khỏi tổ chức ngày {date}, khác với hồ sơ đang lưu. Việc ra khỏi "
        "tổ chức được nhập bằng danh sách đoàn viên ra khỏi tổ chức.",
        "The row says the member left on {date}, which the stored record does not. Departures are "
        "imported with a list of members who left.",
    ),
    "import.reason.control_char": (
        "Nội dung có ký tự điều khiển ({code}), không phải chữ. Hãy xóa ký tự đó rồi nhập lại.",
        "The text holds a control character ({code}), not a letter. Remove it and import again.",
    ),
    "import.reason.mojibake": (
        "Chữ bị lỗi mã hóa, không khôi phục được: «{value}». Hãy lưu lại tệp với bảng mã UTF-8 "
        "(CSV UTF-8) rồi tải lên lại.",
        "The text is garbled by a wrong encoding and cannot be restored: «{value}». Save the file "
        "as CSV UTF-8 and upload it again.",
    ),
    "import.reason.reason_missing": ("Thiếu lý do ra khỏi tổ chức.", "The reason is missing."),
    "import.reason.enterprise_name_missing": (
        "Thiếu tên doanh nghiệp.",
        "The enterprise name is missing.",
    ),
    "import.reason.union_name_missing": ("Thiếu tên CĐCS.", "The union name is missing."),
    "import.reason.dissolved_before_founded": (
        "Ngày giải thể trước ngày thành lập.",
        "Dissolved before it was founded.",
    ),
    "import.reason.duplicate_in_file": (
        "Trùng với dòng {row} trong cùng tệp.",
        "Duplicates row {row} of this file.",
    ),
    "import.reason.union_missing": (
        "Chưa rõ CĐCS: tệp không có cột CĐCS và chưa chọn CĐCS cho cả tệp.",
        "No union: the file has no union column and none was chosen for the whole file.",
    ),
    "import.reason.union_unknown": (
        "Không tìm thấy CĐCS «{name}».",
        "No grassroots union named «{name}».",
    ),
    "import.reason.union_ambiguous": (
        "Có nhiều CĐCS tên «{name}»; hãy ghi tên đầy đủ.",
        "Several unions are named «{name}»; write the full name.",
    ),
    "import.reason.union_dissolved": (
        "CĐCS «{name}» đã giải thể ngày {date}.",
        "The union «{name}» was dissolved on {date}.",
    ),
    "import.reason.member_ambiguous": (
        "Có nhiều đoàn viên trùng họ tên và năm sinh; cần số CCCD.",
        "Several members share this name and birth year; a citizen ID is needed.",
    ),
    "import.reason.member_unknown": (
        "Không tìm thấy đoàn viên này trong dữ liệu.",
        "This member is not on record.",
    ),
    "import.reason.already_left": (
        "Đoàn viên đã ra khỏi tổ chức ngày {date}.",
        "This member already left on {date}.",
    ),
    "import.reason.readmit_before_leave": (
        "Ngày kết nạp lại trước ngày ra khỏi tổ chức.",
        "Admitted again before the date they left.",
    ),
    "import.reason.transfer_before_join": (
        "Đoàn viên đang sinh hoạt tại {union} từ ngày {date}; ngày chuyển đến không thể sớm hơn.",
        "This member is in {union} since {date}; the transfer cannot be earlier.",
    ),
    "import.reason.enterprise_ambiguous": (
        "Có nhiều doanh nghiệp cùng tên; cần mã số thuế.",
        "Several enterprises have this name; a tax code is needed.",
    ),
    "import.reason.unit_unknown": (
        "Không tìm thấy xã/thị trấn «{name}».",
        "No commune named «{name}».",
    ),
    "import.reason.union_name_ambiguous": (
        "Có CĐCS cùng tên ở nhiều xã; cần ghi xã.",
        "Unions of this name exist in several communes; give the commune.",
    ),
    # warnings (the row is still accepted)
    "import.warning.cccd_mismatch": (
        "Cảnh báo: chữ số thế kỷ/giới tính hoặc năm sinh trong số CCCD không khớp.",
        "Warning: the century/sex or year digits of the citizen ID do not match.",
    ),
    "import.warning.mojibake_repaired": (
        "Chữ bị lỗi mã hóa đã được khôi phục: «{before}» → «{after}». Hãy kiểm tra lại.",
        "Text garbled by a wrong encoding was restored: «{before}» → «{after}». Please check it.",
    ),
    "import.warning.joined_today": (
        "Không có ngày kết nạp: lấy ngày nhập.",
        "No admission date: the import date is used.",
    ),
    "import.warning.commune_unknown": (
        "Xã «{name}» chưa có trong danh mục: giữ nguyên, chờ quản trị viên gắn đơn vị.",
        "Commune «{name}» is not a known unit: kept as written for an admin to map.",
    ),
    "import.warning.union_without_date": (
        "Đã có CĐCS nhưng không có ngày thành lập: chưa ghi nhận.",
        "Has a union but no founding date: not recorded.",
    ),
    "import.warning.other_union": (
        "Đoàn viên đang sinh hoạt tại {union}.",
        "This member belongs to {union}.",
    ),
    "import.warning.cluster_unknown": (
        "Không tìm thấy cụm/khối «{name}»: bỏ qua.",
        "No cluster or block named «{name}»: left out.",
    ),
    "import.warning.enterprise_unknown": (
        "Không tìm thấy doanh nghiệp có MST {code}: chưa liên kết.",
        "No enterprise with tax code {code}: not linked.",
    ),
    # progress
    "import.progress.reading": ("Đang đọc tệp…", "Reading the file…"),
    "import.progress.checking": ("Đang kiểm tra từng dòng…", "Checking each row…"),
    "import.progress.matching": ("Đang đối chiếu với dữ liệu…", "Matching stored records…"),
    "import.progress.done": ("Đã kiểm tra xong.", "Checked."),
    "import.progress.saving": ("Đang ghi dữ liệu…", "Saving…"),
    # undo
    "import.undo.unknown": ("Không có lần nhập số {batch}.", "There is no import batch {batch}."),
    "import.undo.already": (
        "Lần nhập số {batch} đã được hoàn tác trước đó.",
        "Import batch {batch} was already undone.",
    ),
    "import.undo.changed_since": (
        "Không hoàn tác được lần nhập số {batch}: dữ liệu của nó đã được sửa sau đó (hãy hoàn "
        "tác các lần sau trước).",
        "Batch {batch} cannot be undone: its records were changed since (undo later ones first).",
    ),
    "import.undo.union_in_use": (
        "Không hoàn tác được lần nhập số {batch}: CĐCS do nó thêm đã có đoàn viên.",
        "Batch {batch} cannot be undone: a union it added has members since.",
    ),
    "import.undo.done": (
        "Đã hoàn tác lần nhập số {batch} ({file}).",
        "Import batch {batch} ({file}) undone.",
    ),
    # refused-rows report
    "import.report.sheet": ("Dòng bị từ chối", "Refused rows"),
    "import.report.row": ("Dòng", "Row"),
    "import.report.column": ("Cột", "Column"),
    "import.report.reason": ("Lý do", "Reason"),
    # CLI
    "import.cli.summary": (
        "{file}: thêm {added}, thay đổi {updated}, không đổi {unchanged}, từ chối {refused}.",
        "{file}: {added} added, {updated} changed, {unchanged} unchanged, {refused} refused.",
    ),
    "import.cli.batch": ("Lần nhập số {batch}.", "Import batch {batch}."),
    "import.cli.dry_run": ("Chạy thử: chưa ghi gì.", "Dry run: nothing written."),
    "import.cli.refused_line": (
        "Dòng {row}, cột «{column}»: {reason}",
        "Row {row}, «{column}»: {reason}",
    ),
    "import.cli.no_file": ("không tìm thấy tệp «{path}».", "no file «{path}»."),
    "import.cli.nothing_accepted": (
        "không có dòng nào hợp lệ; chưa ghi gì.",
        "no row could be accepted; nothing written.",
    ),
    "import.cli.bad_batch": ("mã lần nhập «{value}» không hợp lệ.", "«{value}» is not a batch id."),
    "export.status.active": ("Đang sinh hoạt", "Active"),
    "export.status.left": ("Đã ra khỏi tổ chức", "Left"),
    "export.field.stage": ("Giai đoạn vận động", "Organising stage"),
    "export.field.enterprise": ("Doanh nghiệp", "Enterprise"),
    "export.field.active_members": ("Số đoàn viên", "Members"),
    "export.stable": ("Đang hoạt động", "Operating"),
    "export.not_stable": ("Không ổn định", "Not stable"),
    "export.sheet.members": ("Đoàn viên", "Members"),
    "export.sheet.departures": ("Ra khỏi tổ chức", "Departures"),
    "export.sheet.enterprises": ("Doanh nghiệp", "Enterprises"),
    "export.sheet.prospects": ("Chưa có CĐCS", "Prospects"),
    "export.sheet.unions": ("CĐCS", "Unions"),
    "export.cli.done": ("Đã xuất {count} dòng ra {path}.", "{count} rows exported to {path}."),
    "export.cli.cannot_write": ("không ghi được tệp «{path}».", "cannot write «{path}»."),
    # Upload page
    "nav.upload": ("Tải dữ liệu lên", "Upload"),
    "upload.title": ("Tải dữ liệu lên", "Upload data"),
    "upload.kind": ("Loại dữ liệu", "What the file holds"),
    "upload.default_union": ("CĐCS của cả tệp (nếu tệp không ghi)", "Union of the whole file"),
    "upload.default_union_none": ("— Lấy theo tệp —", "— As the file says —"),
    "upload.default_union_help": (
        "Dùng cho các dòng không ghi CĐCS.",
        "Used for rows that name no union.",
    ),
    "upload.template": ("Tải tệp mẫu", "Download template"),
    "upload.file": (
        "Chọn tệp Excel (.xlsx) hoặc CSV/TXT",
        "Choose an Excel (.xlsx) or CSV/TXT file",
    ),
    "upload.file_help": ("Tối đa {mb} MB.", "Up to {mb} MB."),
    "upload.server_limit_low": (
        "Máy chủ đang chỉ nhận tệp đến {server} MB, ít hơn giới hạn {mb} MB đã đặt "
        "(MAX_UPLOAD_MB). Người quản trị cần khởi động lại ứng dụng bằng `make run` hoặc với "
        "--server.maxUploadSize {mb}.",
        "The server accepts files up to {server} MB only, less than the {mb} MB set "
        "(MAX_UPLOAD_MB). The administrator should restart the app with `make run` or with "
        "--server.maxUploadSize {mb}.",
    ),
    "upload.matching": (
        "Cách đọc các cột (trang «{sheet}», dòng tiêu đề {rows})",
        "How the columns were read (sheet «{sheet}», header row {rows})",
    ),
    "upload.matching_remembered": (
        "Dùng cách đọc cột đã lưu cho tệp có cùng tiêu đề.",
        "Using the matching saved for files with these headers.",
    ),
    "upload.matching_apply": ("Áp dụng cách đọc cột", "Apply the matching"),
    "upload.count.add": ("Thêm mới", "To add"),
    "upload.count.change": ("Thay đổi", "To change"),
    "upload.count.unchanged": ("Không đổi", "Unchanged"),
    "upload.count.refuse": ("Bị từ chối", "Refused"),
    "upload.filter": ("Hiện các dòng", "Show rows"),
    "upload.rows_capped": ("Chỉ hiện {n} dòng đầu.", "Only the first {n} rows are shown."),
    "upload.col.row": ("Dòng", "Row"),
    "upload.col.action": ("Kết quả", "Result"),
    "upload.col.name": ("Tên", "Name"),
    "upload.col.detail": ("Chi tiết", "Details"),
    "upload.refused_report": ("Tải danh sách dòng bị từ chối", "Download the refused rows"),
    "upload.commit": ("Ghi vào dữ liệu", "Commit"),
    "upload.cancel": ("Hủy", "Cancel"),
    "upload.committed": (
        "Đã ghi lần nhập số {batch}: thêm {added}, thay đổi {updated}.",
        "Batch {batch} committed: {added} added, {updated} changed.",
    ),
    "upload.history": ("Lịch sử nhập dữ liệu", "Import history"),
    "upload.history_empty": ("Chưa có lần nhập nào.", "No imports yet."),
    "upload.col.batch": ("Số", "No."),
    "upload.col.when": ("Lúc", "When"),
    "upload.col.kind": ("Loại", "Kind"),
    "upload.col.file": ("Tệp", "File"),
    "upload.col.user": ("Người nhập", "By"),
    "upload.col.counts": ("Kết quả", "Result"),
    "upload.col.undone": ("Đã hoàn tác lúc", "Undone at"),
    "upload.counts": (
        "+{added} / ~{updated} / ={unchanged} / ✕{refused}",
        "+{added} / ~{updated} / ={unchanged} / ✕{refused}",
    ),
    "upload.undo_pick": ("Lần nhập cần hoàn tác", "Batch to undo"),
    "upload.undo_option": ("Số {batch} — {file}", "No. {batch} — {file}"),
    "upload.undo": ("Hoàn tác", "Undo"),
    "import.stale_plan": (
        "dữ liệu vừa được thay đổi (một lần nhập hoặc một chỉnh sửa khác) sau khi xem trước; "
        "chưa ghi gì, hãy chạy lại lệnh.",
        "the data changed after the preview (another import or edit); nothing was written, "
        "run the command again.",
    ),
    "import.stale_plan_page": (
        "Dữ liệu vừa được thay đổi bởi một lần nhập hoặc chỉnh sửa khác, nên chưa ghi gì. "
        "Bản xem trước dưới đây đã được tính lại — hãy kiểm tra rồi ghi lại.",
        "The data changed through another import or edit, so nothing was written. The preview "
        "below has been recomputed: check it and commit again.",
    ),
}

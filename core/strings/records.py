"""Members, enterprises and unions: the movement rules, the record fields and the record pages.
Keys: rule.*, record.*, field.*, members.*, enterprises.*, unions.*, their statuses and page names."""

STRINGS: dict[str, tuple[str, str]] = {}
STRINGS.update(
    {
        "rule.foreign_before_law": (
            "Người lao động nước ngoài chỉ được kết nạp từ ngày 01/7/2025 (Luật Công đoàn 2024).",
            "Foreign workers may be admitted only from 1 July 2025 (Trade Union Law 2024).",
        ),
        "rule.foreign_contract_short": (
            "Người lao động nước ngoài phải có hợp đồng lao động từ đủ 12 tháng trở lên.",
            "A foreign worker needs a labour contract of at least 12 months.",
        ),
        "rule.foreign_no_application": (
            "Người lao động nước ngoài phải có đơn tự nguyện gia nhập.",
            "A foreign worker needs a written application.",
        ),
        "rule.transfer_not_active": (
            "Chỉ chuyển sinh hoạt được cho đoàn viên đang sinh hoạt.",
            "Only an active member can be transferred.",
        ),
        "rule.transfer_same_union": (
            "Đoàn viên đã sinh hoạt tại công đoàn cơ sở này.",
            "The member already belongs to this union.",
        ),
        "rule.leave_not_active": (
            "Đoàn viên này không còn sinh hoạt, không thể ghi nhận ra khỏi tổ chức.",
            "This member is no longer active.",
        ),
        "rule.leave_before_join": (
            "Ngày ra khỏi tổ chức không thể trước ngày kết nạp.",
            "The leaving date cannot be before the admission date.",
        ),
    }
)


# Member movements: the rules core.membership adds for re-admission and corrections.
STRINGS.update(
    {
        "rule.readmit_not_left": (
            "Chỉ kết nạp lại được người đã ra khỏi tổ chức.",
            "Only someone who has left can be re-admitted.",
        ),
        "rule.readmit_before_leave": (
            "Ngày kết nạp lại không thể trước ngày ra khỏi tổ chức.",
            "The re-admission date cannot be before the leaving date.",
        ),
        "rule.event_already_void": (
            "Sự kiện này đã được hủy trước đó.",
            "This event was already taken back.",
        ),
        "rule.void_not_latest": (
            "Chỉ hủy được sự kiện gần nhất của đoàn viên; sự kiện cũ hơn hãy sửa ngày.",
            "Only the member's latest event can be taken back; correct the date of an older one.",
        ),
        "rule.void_only_event": (
            "Đây là sự kiện duy nhất của đoàn viên: nếu ghi nhầm cả người này, hãy xóa đoàn viên.",
            "This is the member's only event: if the whole person was a mistake, delete the member.",
        ),
        "rule.reason_only_for_leaving": (
            "Chỉ sự kiện ra khỏi tổ chức mới có lý do.",
            "Only a departure has a reason.",
        ),
        "rule.correct_out_of_order": (
            "Ngày mới làm đảo thứ tự các sự kiện của đoàn viên.",
            "The new date would put the member's events out of order.",
        ),
    }
)

# Records: members, enterprises, unions.
STRINGS.update(
    {
        "record.yes": ("Có", "Yes"),
        "record.no": ("Không", "No"),
        "record.someone": ("người khác", "someone else"),
        "record.invalid": ("Dữ liệu chưa hợp lệ — {errors}", "Invalid input — {errors}"),
        "record.required": ("bắt buộc phải nhập", "required"),
        "record.bad_choice": (
            "giá trị «{value}» không có trong danh sách",
            "«{value}» is not a choice",
        ),
        "record.unknown_fields": (
            "không sửa được trường: {fields}",
            "these fields cannot be edited: {fields}",
        ),
        "record.reference_missing": (
            "không tìm thấy bản ghi được chọn",
            "the chosen record does not exist",
        ),
        "record.reference_kind": (
            "phải chọn một cụm hoặc khối thi đua",
            "choose an emulation cluster or block",
        ),
        "record.not_found": ("Không tìm thấy bản ghi.", "No such record."),
        "record.deleted": (
            "Bản ghi này đã bị xóa; hãy khôi phục trước khi sửa.",
            "This record was deleted; restore it before editing.",
        ),
        "record.stale": (
            "Chưa lưu: bản ghi đã được {who} thay đổi lúc {at}, sau khi bạn mở nó. Đã thay đổi: "
            "{changes}. Hãy tải lại bản ghi mới nhất rồi sửa lại nếu vẫn cần.",
            "Not saved: {who} changed this record at {at}, after you opened it. Changed: "
            "{changes}. Reload the latest version and edit again if still needed.",
        ),
        "record.stale_unknown": ("không rõ chi tiết", "details unknown"),
        "record.id_taken": (
            "số giấy tờ này đã thuộc về đoàn viên {name}",
            "this ID number already belongs to the member {name}",
        ),
        "record.id_taken_deleted": (
            "số giấy tờ này thuộc về đoàn viên đã xóa {name} (hãy khôi phục người đó)",
            "this ID number belongs to the deleted member {name} (restore them instead)",
        ),
        "record.restore_id_taken": (
            "Không khôi phục được: {detail}.",
            "Cannot restore: {detail}.",
        ),
        "record.known_active": (
            "{name} đang sinh hoạt tại {union}: không kết nạp lần hai. Nếu người này đã chuyển "
            "sang đơn vị khác, hãy ghi nhận chuyển sinh hoạt.",
            "{name} is an active member of {union}: not admitted twice. If they moved, record a "
            "transfer.",
        ),
        "record.known_left": (
            "{name} đã từng là đoàn viên ({union}) và đã ra khỏi tổ chức: hãy dùng «Kết nạp lại».",
            "{name} was a member ({union}) and left: use «Re-admit».",
        ),
        "record.known_deleted": (
            "{name} có trong danh sách đã xóa: hãy khôi phục thay vì nhập mới.",
            "{name} is among the deleted members: restore them instead of adding again.",
        ),
        "record.tax_code_taken": (
            "mã số thuế này đã thuộc về doanh nghiệp {name}",
            "this tax code already belongs to {name}",
        ),
        "record.union_name_taken": (
            "đã có công đoàn cơ sở tên «{name}» trong đơn vị này",
            "a union named «{name}» already exists in this unit",
        ),
        "record.union_missing": ("Không tìm thấy công đoàn cơ sở.", "No such union."),
        "record.union_not_yet": (
            "{name} được thành lập ngày {date}, sau ngày đã chọn.",
            "{name} was founded on {date}, after the chosen date.",
        ),
        "record.union_dissolved": (
            "{name} đã giải thể từ ngày {date}.",
            "{name} was dissolved on {date}.",
        ),
        "record.future_date": ("Ngày không thể ở tương lai.", "The date cannot be in the future."),
        "record.before_last_event": (
            "Ngày này trước sự kiện gần nhất của đoàn viên ({date}).",
            "This date is before the member's latest event ({date}).",
        ),
        "record.reason_required": (
            "Cần chọn lý do ra khỏi tổ chức.",
            "Choose why the member left.",
        ),
        "record.enterprise_has_union": (
            "Không xóa được: doanh nghiệp đang gắn với {union}.",
            "Cannot delete: the enterprise is linked to {union}.",
        ),
        "record.founded_after_dissolved": (
            "Ngày thành lập không thể sau ngày giải thể.",
            "The founding date cannot be after the dissolution.",
        ),
        "record.founded_after_members": (
            "Ngày thành lập không thể sau sự kiện đoàn viên đầu tiên của công đoàn ({date}).",
            "The founding date cannot be after the union's first member event ({date}).",
        ),
        "record.already_dissolved": (
            "Công đoàn cơ sở này đã giải thể ngày {date}.",
            "This union was dissolved on {date}.",
        ),
        "record.dissolve_before_founding": (
            "Ngày giải thể không thể trước ngày thành lập.",
            "The dissolution cannot be before the founding.",
        ),
        "record.dissolve_has_members": (
            "Chưa giải thể được: công đoàn còn {n} đoàn viên đang sinh hoạt. Hãy chuyển sinh hoạt "
            "hoặc ghi nhận họ ra khỏi tổ chức (lý do: CĐCS giải thể) trước.",
            "Not dissolved: the union still has {n} active members. Transfer them or record them "
            "as leaving (reason: union dissolved) first.",
        ),
        "record.dissolve_before_events": (
            "Ngày giải thể trước sự kiện đoàn viên cuối cùng của công đoàn ({date}).",
            "The dissolution date is before the union's last member event ({date}).",
        ),
        "record.union_has_history": (
            "Không xóa được: công đoàn đã có đoàn viên. Nếu công đoàn ngừng hoạt động, hãy ghi nhận "
            "giải thể.",
            "Cannot delete: the union has members on record. If it stopped, record its dissolution.",
        ),
        "member_status.active": ("Đang sinh hoạt", "Active"),
        "member_status.left": ("Đã ra khỏi tổ chức", "Left"),
        "field.full_name": ("Họ và tên", "Full name"),
        "field.birth": ("Ngày sinh", "Birth date"),
        "field.birth_date": ("Ngày sinh", "Birth date"),
        "field.birth_year": ("Năm sinh", "Birth year"),
        "field.gender": ("Giới tính", "Gender"),
        "field.id_number": ("Số CCCD / hộ chiếu", "ID / passport number"),
        "field.cccd": ("Số CCCD", "Citizen ID"),
        "field.passport_no": ("Số hộ chiếu", "Passport number"),
        "field.nationality": ("Quốc tịch", "Nationality"),
        "field.union_id": ("Công đoàn cơ sở", "Grassroots union"),
        "field.card_no": ("Số thẻ đoàn viên", "Card number"),
        "field.status": ("Trạng thái", "Status"),
        "field.joined_on": ("Ngày vào công đoàn", "Joined on"),
        "field.left_on": ("Ngày ra khỏi tổ chức", "Left on"),
        "field.contract_months": ("Thời hạn HĐLĐ (tháng)", "Contract (months)"),
        "field.has_application": ("Có đơn gia nhập", "Written application"),
        "field.deleted_at": ("Đã xóa lúc", "Deleted at"),
        "field.name": ("Tên", "Name"),
        "field.tax_code": ("Mã số thuế", "Tax code"),
        "field.address": ("Địa chỉ", "Address"),
        "field.commune_name": ("Xã/phường (theo hồ sơ)", "Commune (as written)"),
        "field.unit_id": ("Đơn vị", "Unit"),
        "field.ownership": ("Loại hình", "Ownership"),
        "field.trade": ("Ngành nghề", "Trade"),
        "field.worker_count": ("Số lao động", "Workers"),
        "field.is_stable": ("Hoạt động ổn định", "Operating stably"),
        "field.union_since": ("Có CĐCS từ ngày", "Has a union since"),
        "field.stage": ("Giai đoạn vận động", "Organising stage"),
        "field.stage_since": ("Từ ngày", "Since"),
        "field.officer": ("Cán bộ phụ trách", "Officer"),
        "field.notes": ("Ghi chú", "Notes"),
        "field.kind": ("Loại", "Kind"),
        "field.enterprise_id": ("Doanh nghiệp", "Enterprise"),
        "field.cluster_id": ("Cụm/khối thi đua", "Cluster/block"),
        "field.decision_no": ("Số quyết định thành lập", "Founding decision no."),
        "field.founded_on": ("Ngày thành lập", "Founded on"),
        "field.dissolved_on": ("Ngày giải thể", "Dissolved on"),
        "field.role": ("Vai trò", "Role"),
        "field.disabled": ("Vô hiệu hóa", "Disabled"),
        "field.username": ("Tên đăng nhập", "User name"),
        "field.locked_until": ("Khóa đến", "Locked until"),
        "field.failed_logins": ("Số lần sai mật khẩu", "Failed logins"),
        "field.must_change_password": ("Phải đổi mật khẩu", "Must change password"),
        "field.value": ("Giá trị", "Value"),
        "field.valid_from": ("Hiệu lực từ", "Valid from"),
        "field.valid_to": ("Hiệu lực đến", "Valid until"),
        "field.parent_id": ("Đơn vị cấp trên", "Parent unit"),
        "field.title": ("Tiêu đề", "Title"),
        "field.workers_month_start": ("Tháng Công nhân từ", "Workers' Month from"),
        "field.workers_month_end": ("Tháng Công nhân đến", "Workers' Month until"),
        "field.occurred_on": ("Ngày", "Date"),
        "field.reason": ("Lý do", "Reason"),
    }
)


# The record pages.
STRINGS.update(
    {
        "nav.members": ("Đoàn viên", "Members"),
        "nav.enterprises": ("Doanh nghiệp", "Enterprises"),
        "nav.unions": ("Công đoàn cơ sở", "Grassroots unions"),
        "nav.admin_users": ("Tài khoản", "Accounts"),
        "nav.admin_targets": ("Chỉ tiêu", "Targets"),
        "nav.admin_units": ("Đơn vị", "Units"),
        "nav.admin_audit": ("Nhật ký thay đổi", "Change log"),
        "records.page_size": ("Số dòng mỗi trang", "Rows per page"),
        "records.page": ("Trang", "Page"),
        "records.found": (
            "Tìm thấy {n} {noun} — trang {page}/{pages}",
            "{n} {noun} found — page {page} of {pages}",
        ),
        "records.rows_saved": ("Đã lưu {n} dòng.", "{n} rows saved."),
        "records.all": ("Tất cả", "All"),
        "records.bin": ("Đã xóa", "Deleted"),
        "records.save_changes": ("Lưu thay đổi ({n})", "Save changes ({n})"),
        "records.save": ("Lưu", "Save"),
        "records.saved": ("Đã lưu.", "Saved."),
        "records.reload": ("Tải lại", "Reload"),
        "records.outdated": (
            "Dữ liệu đã được người khác thay đổi kể từ khi bạn mở. Khi lưu, những dòng đã bị "
            "thay đổi sẽ bị từ chối; bấm «Tải lại» để xem bản mới nhất.",
            "Someone changed the data since you opened it. Rows changed meanwhile will be refused "
            "on saving; press «Reload» to see the latest.",
        ),
        "records.nothing_changed": ("Không có gì thay đổi.", "Nothing changed."),
        "records.confirm_first": (
            "Hãy đánh dấu ô xác nhận trước.",
            "Tick the confirmation box first.",
        ),
        "records.deleted_done": ("Đã xóa (có thể khôi phục).", "Deleted (can be restored)."),
        "records.restored": ("Đã khôi phục.", "Restored."),
        "records.restore": ("Khôi phục", "Restore"),
        "records.delete": ("Xóa", "Delete"),
        "records.delete_confirm": (
            "Tôi xác nhận bản ghi này nhập nhầm và cần xóa",
            "I confirm this record was entered by mistake",
        ),
        "members.heading": ("Đoàn viên", "Members"),
        "members.noun": ("đoàn viên", "members"),
        "members.search": ("Tìm kiếm", "Search"),
        "members.search_hint": (
            "Họ tên (có hoặc không dấu) hoặc số CCCD",
            "Name (with or without diacritics) or ID number",
        ),
        "members.birth_help": (
            "Ngày sinh dạng dd/mm/yyyy, hoặc chỉ năm sinh (ví dụ 1990).",
            "Birth date as dd/mm/yyyy, or only the year (e.g. 1990).",
        ),
        "members.none": ("Không có đoàn viên nào khớp.", "No member matches."),
        "members.pick": ("Chọn đoàn viên để xem và thao tác", "Choose a member to see and act on"),
        "members.pick_none": ("— chưa chọn —", "— none —"),
        "members.event": ("Sự kiện", "Event"),
        "members.other_union": ("Đơn vị chuyển đi/đến", "Other union"),
        "members.event_state": ("Ghi chú", "Note"),
        "members.voided": ("đã hủy", "taken back"),
        "members.summary": (
            "{union} · {status} · vào công đoàn {joined}",
            "{union} · {status} · joined {joined}",
        ),
        "members.deleted": ("đã xóa", "deleted"),
        "members.show_voided": ("Hiện cả sự kiện đã hủy", "Show events taken back"),
        "members.restore": ("Khôi phục đoàn viên", "Restore member"),
        "members.restored": ("Đã khôi phục đoàn viên.", "Member restored."),
        "members.tab_edit": ("Sửa thông tin", "Edit details"),
        "members.tab_transfer": ("Chuyển sinh hoạt", "Transfer"),
        "members.tab_leave": ("Ra khỏi tổ chức", "Leaving"),
        "members.tab_readmit": ("Kết nạp lại", "Re-admit"),
        "members.tab_correct": ("Sửa sự kiện ghi nhầm", "Correct an event"),
        "members.tab_delete": ("Xóa", "Delete"),
        "members.to_union": ("Chuyển đến công đoàn cơ sở", "To union"),
        "members.transfer": ("Ghi nhận chuyển sinh hoạt", "Record the transfer"),
        "members.transferred": ("Đã ghi nhận chuyển sinh hoạt.", "Transfer recorded."),
        "members.leave": ("Ghi nhận ra khỏi tổ chức", "Record the departure"),
        "members.left": ("Đã ghi nhận ra khỏi tổ chức.", "Departure recorded."),
        "members.readmit": ("Kết nạp lại", "Re-admit"),
        "members.readmitted": ("Đã kết nạp lại.", "Re-admitted."),
        "members.delete_help": (
            "Chỉ xóa người nhập nhầm. Đoàn viên nghỉ việc, chuyển đi... hãy ghi nhận ra khỏi tổ "
            "chức. Người bị xóa rời khỏi mọi số liệu ngay và có thể khôi phục.",
            "Delete only someone entered by mistake; record a departure for anyone who left. A "
            "deleted member leaves every figure at once and can be restored.",
        ),
        "members.delete_confirm": (
            "Tôi xác nhận người này nhập nhầm",
            "I confirm this person was entered by mistake",
        ),
        "members.delete": ("Xóa đoàn viên", "Delete member"),
        "members.deleted_done": (
            "Đã xóa đoàn viên (có thể khôi phục trong mục «Đã xóa»).",
            "Member deleted (restore from «Deleted»).",
        ),
        "members.right_date": ("Ngày đúng", "Right date"),
        "members.right_reason": (
            "Lý do đúng (nếu là ra khỏi tổ chức)",
            "Right reason (departures)",
        ),
        "members.correct": ("Sửa sự kiện", "Correct the event"),
        "members.corrected": (
            "Đã sửa: sự kiện sai được hủy, sự kiện đúng được ghi nhận.",
            "Corrected: the wrong event taken back, the right one recorded.",
        ),
        "members.void_help": (
            "Sự kiện gần nhất: {event}. Nếu sự kiện này ghi nhầm hoàn toàn, có thể hủy nó.",
            "Latest event: {event}. If it was recorded by mistake, it can be taken back.",
        ),
        "members.void": ("Hủy sự kiện gần nhất", "Take back the latest event"),
        "members.voided_done": ("Đã hủy sự kiện.", "Event taken back."),
        "members.admit_heading": ("Kết nạp đoàn viên mới", "Admit a new member"),
        "members.admitted_on": ("Ngày kết nạp", "Admitted on"),
        "members.admit": ("Kết nạp", "Admit"),
        "members.no_union": (
            "Chưa có công đoàn cơ sở nào đang hoạt động.",
            "There is no active union yet.",
        ),
        "members.admitted": ("Đã kết nạp {name}.", "{name} admitted."),
    }
)

# Enterprises and unions pages.
STRINGS.update(
    {
        "enterprises.heading": ("Doanh nghiệp", "Enterprises"),
        "enterprises.noun": ("doanh nghiệp", "enterprises"),
        "enterprises.search": ("Tìm kiếm", "Search"),
        "enterprises.search_hint": (
            "Tên doanh nghiệp (có hoặc không dấu) hoặc mã số thuế",
            "Name (with or without diacritics) or tax code",
        ),
        "enterprises.has_union": ("Có CĐCS", "Has a union"),
        "enterprises.prospects": (
            "Chỉ DN từ 20 lao động chưa có CĐCS",
            "Only 20+ workers without a union",
        ),
        "enterprises.none": ("Không có doanh nghiệp nào khớp.", "No enterprise matches."),
        "enterprises.pick": (
            "Chọn doanh nghiệp để xem và thao tác",
            "Choose an enterprise to see and act on",
        ),
        "enterprises.no_stage": ("chưa khảo sát", "not yet surveyed"),
        "enterprises.summary": (
            "Giai đoạn vận động: {stage} (từ {since}) · cán bộ phụ trách: {officer} · có CĐCS: {union}",
            "Organising stage: {stage} (since {since}) · officer: {officer} · has a union: {union}",
        ),
        "enterprises.tab_stage": ("Giai đoạn vận động", "Organising stage"),
        "enterprises.tab_notes": ("Đơn vị, ghi chú", "Unit, notes"),
        "enterprises.move_stage": ("Cập nhật giai đoạn", "Update the stage"),
        "enterprises.stage_moved": ("Đã cập nhật giai đoạn vận động.", "Organising stage updated."),
        "enterprises.add_heading": ("Thêm doanh nghiệp", "Add an enterprise"),
        "enterprises.add": ("Thêm", "Add"),
        "enterprises.added": ("Đã thêm {name}.", "{name} added."),
        "unions.heading": ("Công đoàn cơ sở", "Grassroots unions"),
        "unions.noun": ("công đoàn cơ sở", "unions"),
        "unions.search": ("Tìm kiếm", "Search"),
        "unions.search_hint": (
            "Tên CĐCS (có hoặc không dấu), số quyết định hoặc MST doanh nghiệp",
            "Union name (with or without diacritics), decision number or the enterprise's tax code",
        ),
        "union_status.active": ("Đang hoạt động", "Active"),
        "union_status.dissolved": ("Đã giải thể", "Dissolved"),
        "unions.active_members": ("Đoàn viên đang sinh hoạt", "Active members"),
        "unions.none": ("Không có công đoàn cơ sở nào khớp.", "No union matches."),
        "unions.pick": (
            "Chọn công đoàn cơ sở để xem và thao tác",
            "Choose a union to see and act on",
        ),
        "unions.summary": (
            "{kind} · thành lập {founded} (QĐ {decision}) · {members} đoàn viên đang sinh hoạt",
            "{kind} · founded {founded} (decision {decision}) · {members} active members",
        ),
        "unions.dissolved_on": ("Đã giải thể ngày {date}", "Dissolved on {date}"),
        "unions.tab_enterprise": ("Doanh nghiệp gắn với CĐCS", "Linked enterprise"),
        "unions.tab_dissolve": ("Giải thể", "Dissolve"),
        "unions.linked": ("Đang gắn với: {name}", "Linked to: {name}"),
        "unions.enterprise_search": (
            "Tìm doanh nghiệp theo tên hoặc MST",
            "Find the enterprise by name or tax code",
        ),
        "unions.link": ("Gắn doanh nghiệp này", "Link this enterprise"),
        "unions.dissolve_blocked": (
            "Công đoàn còn {n} đoàn viên đang sinh hoạt nên chưa giải thể được. Hãy chuyển sinh "
            "hoạt từng người trên trang Đoàn viên, hoặc ghi nhận tất cả ra khỏi tổ chức với lý do "
            "«CĐCS giải thể» rồi giải thể.",
            "The union still has {n} active members, so it cannot be dissolved yet. Transfer them "
            "on the Members page, or record them all as leaving (reason: union dissolved), then "
            "dissolve.",
        ),
        "unions.leave_all_confirm": (
            "Tôi xác nhận ghi nhận {n} đoàn viên ra khỏi tổ chức vào ngày đã chọn",
            "I confirm recording {n} members as leaving on the chosen date",
        ),
        "unions.leave_all": ("Ghi nhận tất cả ra khỏi tổ chức", "Record them all as leaving"),
        "unions.left_all": (
            "Đã ghi nhận {n} đoàn viên ra khỏi tổ chức. Giờ có thể giải thể.",
            "{n} members recorded as leaving. The union can now be dissolved.",
        ),
        "unions.dissolve": ("Ghi nhận giải thể", "Record the dissolution"),
        "unions.dissolved": ("Đã ghi nhận giải thể.", "Dissolution recorded."),
        "unions.delete_help": (
            "Chỉ xóa CĐCS nhập nhầm và chưa có đoàn viên. CĐCS ngừng hoạt động thì ghi nhận giải thể.",
            "Delete only a union entered by mistake and without members; record a dissolution for "
            "one that stopped.",
        ),
        "unions.found_heading": ("Thành lập công đoàn cơ sở mới", "Found a new union"),
        "unions.found": ("Ghi nhận thành lập", "Record the founding"),
        "unions.founded": ("Đã ghi nhận thành lập {name}.", "{name} recorded as founded."),
    }
)

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

# Accounts, logins and roles.
STRINGS.update(
    {
        "auth.login_heading": ("Đăng nhập", "Log in"),
        "auth.username": ("Tên đăng nhập", "User name"),
        "auth.password": ("Mật khẩu", "Password"),
        "auth.login": ("Đăng nhập", "Log in"),
        "auth.logout": ("Đăng xuất", "Log out"),
        "auth.or": ("hoặc", "or"),
        "auth.cancel": ("Hủy", "Cancel"),
        "auth.oidc_login": ("Đăng nhập qua {provider}", "Log in with {provider}"),
        "auth.oidc_default": ("tài khoản tổ chức", "your organisation account"),
        "auth.oidc_unavailable": (
            "Chưa dùng được đăng nhập qua tài khoản tổ chức ({detail}). Hãy dùng mật khẩu.",
            "Organisation login is not available ({detail}). Use your password.",
        ),
        "auth.oidc_no_account": (
            "Địa chỉ «{email}» chưa có tài khoản trong hệ thống. Đề nghị quản trị viên tạo tài "
            "khoản với tên đăng nhập là địa chỉ thư này.",
            "«{email}» has no account here. Ask an administrator to create one with this address "
            "as its user name.",
        ),
        "auth.bad_credentials": (
            "Tên đăng nhập hoặc mật khẩu không đúng.",
            "Wrong user name or password.",
        ),
        "auth.locked": (
            "Tài khoản đang bị tạm khóa do nhập sai mật khẩu nhiều lần. Thử lại sau {until}.",
            "The account is locked after repeated wrong passwords. Try again after {until}.",
        ),
        "auth.locked_now": (
            "Đã nhập sai mật khẩu {n} lần liên tiếp: tài khoản bị khóa 15 phút, đến {until}.",
            "{n} wrong passwords in a row: the account is locked for 15 minutes, until {until}.",
        ),
        "auth.disabled": (
            "Tài khoản đã bị vô hiệu hóa. Vui lòng liên hệ quản trị viên.",
            "This account is disabled. Please contact an administrator.",
        ),
        "auth.expired": (
            "Phiên làm việc đã hết hạn do không hoạt động. Vui lòng đăng nhập lại.",
            "Your session expired after being idle. Please log in again.",
        ),
        "auth.account_gone": (
            "Tài khoản không còn hoạt động. Vui lòng liên hệ quản trị viên.",
            "The account is no longer active. Please contact an administrator.",
        ),
        "auth.logged_out": ("Đã đăng xuất.", "Logged out."),
        "auth.please_login": ("Vui lòng đăng nhập.", "Please log in."),
        "auth.page_denied": (
            "Bạn không có quyền mở trang này (cần vai trò: {role}).",
            "You may not open this page (it needs the role: {role}).",
        ),
        "auth.denied_anonymous": (
            "Cần đăng nhập để thực hiện thao tác này.",
            "Log in to do this.",
        ),
        "auth.denied_viewer": (
            "Tài khoản chỉ xem không được thay đổi dữ liệu.",
            "A view-only account cannot change data.",
        ),
        "auth.denied_admin": (
            "Chỉ quản trị viên được thực hiện thao tác này.",
            "Only an administrator may do this.",
        ),
        "auth.signed_in_as": ("Đang đăng nhập: {name} — {role}", "Logged in: {name} — {role}"),
        "auth.change_password": ("Đổi mật khẩu", "Change password"),
        "auth.old_password": ("Mật khẩu hiện tại", "Current password"),
        "auth.one_time_password": ("Mật khẩu dùng một lần", "One-time password"),
        "auth.new_password": ("Mật khẩu mới", "New password"),
        "auth.new_password_again": ("Nhập lại mật khẩu mới", "New password again"),
        "auth.passwords_differ": (
            "Hai lần nhập mật khẩu mới không khớp nhau.",
            "The two new passwords differ.",
        ),
        "auth.old_password_wrong": ("Mật khẩu hiện tại không đúng.", "Wrong current password."),
        "auth.password_same": (
            "Mật khẩu mới phải khác mật khẩu cũ.",
            "The new password must differ from the old one.",
        ),
        "auth.password_changed": ("Đã đổi mật khẩu.", "Password changed."),
        "auth.must_change": (
            "Tài khoản «{name}» đang dùng mật khẩu một lần. Hãy đặt mật khẩu mới để tiếp tục.",
            "The account «{name}» has a one-time password. Set a new password to go on.",
        ),
        "auth.user_missing": ("Không tìm thấy tài khoản.", "No such account."),
        "auth.user_changed": (
            "Tài khoản «{name}» vừa được người khác thay đổi. Hãy tải lại trang rồi thử lại.",
            "The account «{name}» was just changed by someone else. Reload and try again.",
        ),
        "auth.cannot_disable_self": (
            "Không thể tự vô hiệu hóa tài khoản của chính mình.",
            "You cannot disable your own account.",
        ),
        "auth.last_admin": (
            "Phải còn ít nhất một quản trị viên đang hoạt động.",
            "At least one active administrator must remain.",
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

# The audit log and undo.
STRINGS.update(
    {
        "audit.entry_missing": ("Không tìm thấy dòng nhật ký.", "No such log entry."),
        "audit.already_reverted": (
            "Thay đổi này đã được hoàn tác rồi.",
            "This change was already reverted.",
        ),
        "audit.already_undone": (
            "Thay đổi này đã không còn hiệu lực.",
            "This change no longer applies.",
        ),
        "audit.not_revertible": (
            "Không hoàn tác được loại thay đổi này.",
            "This kind of change cannot be reverted.",
        ),
        "audit.revert_password": (
            "Không hoàn tác được việc đổi mật khẩu; hãy cấp lại mật khẩu cho tài khoản.",
            "A password change cannot be reverted; reset the account's password instead.",
        ),
        "audit.revert_movement": (
            "Đây là quá trình sinh hoạt của đoàn viên: hãy sửa trên trang Đoàn viên (sửa ngày, hủy "
            "sự kiện gần nhất hoặc khôi phục đoàn viên đã xóa).",
            "This is a member's movement: correct it on the Members page (fix the date, take back "
            "the latest event or restore the deleted member).",
        ),
        "audit.record_missing": ("Bản ghi không còn tồn tại.", "The record no longer exists."),
        "audit.nothing_to_revert": (
            "Thay đổi này không có giá trị nào để hoàn tác.",
            "This change has no value to revert.",
        ),
        "audit.revert_conflict": (
            "Không hoàn tác được: giá trị cũ nay trùng với một bản ghi khác.",
            "Cannot revert: the earlier value now clashes with another record.",
        ),
        "audit.union_has_history": (
            "Không hoàn tác được: công đoàn đã có đoàn viên.",
            "Cannot revert: the union has members on record.",
        ),
        "audit.changed_since": (
            "Không hoàn tác được: bản ghi đã được {who} thay đổi tiếp lúc {at}: {changes}. Hãy "
            "hoàn tác các thay đổi sau trước.",
            "Cannot revert: {who} changed the record again at {at}: {changes}. Revert the later "
            "changes first.",
        ),
    }
)

# Organisation units and targets (admin).
STRINGS.update(
    {
        "unit.name_required": ("Cần nhập tên đơn vị.", "A unit name is required."),
        "unit.name_taken": (
            "Đã có đơn vị «{name}» cùng loại.",
            "A unit «{name}» of this kind exists.",
        ),
        "unit.dates_order": (
            "Ngày kết thúc phải sau ngày bắt đầu.",
            "The end date must be after the start date.",
        ),
        "unit.in_use": (
            "Không xóa được: đơn vị đang có công đoàn, doanh nghiệp hoặc đơn vị trực thuộc. Nếu "
            "đơn vị không còn, hãy đặt ngày hết hiệu lực.",
            "Cannot delete: unions, enterprises or units belong to it. If it no longer exists, "
            "give it an end date.",
        ),
        "unit.cycle": (
            "Không thể đặt {unit} trực thuộc {parent}: {parent} đang thuộc {unit}.",
            "{unit} cannot sit under {parent}: {parent} is under {unit}.",
        ),
        "unit.link_overlap": (
            "Trong thời gian này đơn vị đã trực thuộc {parent} (từ {start} đến {end}).",
            "In this period the unit already sits under {parent} ({start} to {end}).",
        ),
        "unit.move_same_day": (
            "Liên kết hiện tại bắt đầu đúng ngày này: hãy sửa liên kết đó thay vì chuyển.",
            "The current link starts that very day: edit it instead of moving.",
        ),
        "target.bad_value": ("Chỉ tiêu phải là số không âm.", "A target must be a number ≥ 0."),
        "target.pct_over_100": (
            "Chỉ tiêu tỷ lệ không quá 100 %.",
            "A percentage is at most 100 %.",
        ),
        "target.pct_not_split": (
            "Chỉ tiêu tỷ lệ áp dụng cho mọi đơn vị, không giao theo đơn vị.",
            "Percentage targets apply to every unit; they are not split.",
        ),
        "target.missing": (
            "Kế hoạch chưa có chỉ tiêu này.",
            "The plan has no such target.",
        ),
        "target.plan_exists": ("Đã có kế hoạch năm {year}.", "There is already a plan for {year}."),
        "target.bad_window": (
            "Tháng Công nhân phải nằm trong năm {year} và ngày kết thúc không trước ngày bắt đầu.",
            "Workers' Month must lie within {year} and end on or after its start.",
        ),
        "target.title_required": ("Cần nhập tên kế hoạch.", "A plan title is required."),
        "target.default_title": (
            "Kế hoạch phát triển đoàn viên, thành lập công đoàn cơ sở năm {year}",
            "Member growth and union founding plan {year}",
        ),
        "target.net_growth": ("Thực tăng đoàn viên trong năm", "Net member growth in the year"),
        "target.workers_month_net_growth": (
            "Thực tăng đoàn viên trong Tháng Công nhân",
            "Net growth in Workers' Month",
        ),
        "target.new_unions": ("CĐCS thành lập mới trong năm", "New unions in the year"),
        "target.workers_month_new_unions": (
            "CĐCS thành lập mới trong Tháng Công nhân",
            "New unions in Workers' Month",
        ),
        "target.non_state_coverage_pct": (
            "Tỷ lệ NLĐ khu vực ngoài nhà nước là đoàn viên (%)",
            "Non-state workers who are members (%)",
        ),
        "target.enterprises_20plus_with_union_pct": (
            "Tỷ lệ DN ổn định từ 20 lao động có CĐCS (%)",
            "Stable enterprises with 20+ workers that have a union (%)",
        ),
    }
)

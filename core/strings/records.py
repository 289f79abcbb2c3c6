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
            "Tên đăng nhập hoặc mật khẩu không đúng. Sau 5 lần nhập sai liên tiếp, tài khoản bị"
            " tạm khóa 15 phút.",
            "Wrong user name or password. After 5 wrong passwords in a row the account is locked"
            " for 15 minutes.",
        ),
        "auth.disabled": (
            "Tài khoản đã bị vô hiệu hóa. Vui lòng liên hệ quản trị viên.",
            "This account is disabled. Please contact an administrator.",
        ),
        "auth.expired": (
            "Phiên làm việc đã hết hạn do không hoạt động. Vui lòng đăng nhập lại.",
            "Your session expired after being idle. Please log in again.",
        ),
        "auth.session_ended": (
            "Phiên đăng nhập đã kết thúc: đã đăng xuất ở một thẻ khác hoặc mật khẩu vừa được đổi."
            " Vui lòng đăng nhập lại.",
            "The login session has ended: logged out in another tab, or the password was changed."
            " Please log in again.",
        ),
        "auth.account_gone": (
            "Tài khoản không còn hoạt động. Vui lòng liên hệ quản trị viên.",
            "The account is no longer active. Please contact an administrator.",
        ),
        "auth.logged_out": ("Đã đăng xuất.", "Logged out."),
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

# Admin pages.
STRINGS.update(
    {
        "admin_users.heading": ("Tài khoản và vai trò", "Accounts and roles"),
        "admin_users.state": ("Tình trạng", "State"),
        "admin_users.last_login": ("Đăng nhập gần nhất", "Last login"),
        "admin_users.disabled": ("Đã vô hiệu hóa", "Disabled"),
        "admin_users.locked": ("Tạm khóa đến {until}", "Locked until {until}"),
        "admin_users.must_change": (
            "Chờ đổi mật khẩu một lần",
            "Must change its one-time password",
        ),
        "admin_users.active": ("Đang hoạt động", "Active"),
        "admin_users.password_once": (
            "Mật khẩu dùng một lần của «{name}» — chỉ hiển thị lần này. Hãy chuyển cho người dùng; "
            "họ phải đổi mật khẩu khi đăng nhập lần đầu.",
            "One-time password of «{name}» — shown this once. Hand it over; it must be changed at "
            "first login.",
        ),
        "admin_users.create_heading": ("Tạo tài khoản", "Create an account"),
        "admin_users.username_help": (
            "Với đăng nhập qua tài khoản tổ chức (OpenID Connect), tên đăng nhập là địa chỉ thư.",
            "For organisation (OpenID Connect) logins the user name is the e-mail address.",
        ),
        "admin_users.create": ("Tạo tài khoản", "Create"),
        "admin_users.created": ("Đã tạo tài khoản {name}.", "Account {name} created."),
        "admin_users.pick": ("Chọn tài khoản để quản lý", "Choose an account to manage"),
        "admin_users.change_role": ("Đổi vai trò", "Change role"),
        "admin_users.disable": ("Vô hiệu hóa tài khoản", "Disable the account"),
        "admin_users.enable": ("Cho hoạt động lại", "Enable the account"),
        "admin_users.unlock": ("Mở khóa", "Unlock"),
        "admin_users.reset_password": ("Cấp lại mật khẩu", "Reset the password"),
        "admin_users.password_reset": (
            "Đã cấp lại mật khẩu cho {name}.",
            "Password of {name} reset.",
        ),
        "admin_targets.heading": ("Kế hoạch và chỉ tiêu", "Plans and targets"),
        "admin_targets.new_heading": ("Tạo kế hoạch năm mới", "New year's plan"),
        "admin_targets.title_help": (
            "Để trống để dùng tên mặc định.",
            "Leave empty for the default title.",
        ),
        "admin_targets.copy_from": ("Lấy chỉ tiêu từ năm", "Copy the targets of"),
        "admin_targets.copy_2025": ("Kế hoạch 2025 (mặc định)", "The 2025 plan (default)"),
        "admin_targets.create": ("Tạo kế hoạch", "Create the plan"),
        "admin_targets.created": ("Đã tạo kế hoạch năm {year}.", "Plan {year} created."),
        "admin_targets.targets_heading": ("Chỉ tiêu toàn liên đoàn", "Federation targets"),
        "admin_targets.target": ("Chỉ tiêu", "Target"),
        "admin_targets.split_heading": ("Giao chỉ tiêu cho đơn vị", "Split across units"),
        "admin_targets.split_help": (
            "Mỗi ô là phần chỉ tiêu giao cho một xã, thị trấn, cụm hoặc khối. Chỉ tiêu tỷ lệ áp "
            "dụng chung cho mọi đơn vị.",
            "Each cell is a unit's share. Percentage targets apply to every unit.",
        ),
        "admin_targets.total": ("Toàn liên đoàn", "Whole federation"),
        "admin_targets.allocated": ("Đã giao", "Allocated"),
        "admin_targets.unallocated": ("Chưa giao", "Not yet allocated"),
        "admin_units.heading": ("Đơn vị và cơ cấu tổ chức", "Units and structure"),
        "admin_units.structure_on": ("Cơ cấu tại ngày", "Structure on"),
        "admin_units.parent_on_day": ("Trực thuộc (tại ngày đã chọn)", "Under (on the chosen day)"),
        "admin_units.add_heading": ("Thêm đơn vị", "Add a unit"),
        "admin_units.add": ("Thêm", "Add"),
        "admin_units.added": ("Đã thêm đơn vị.", "Unit added."),
        "admin_units.links_heading": ("Trực thuộc theo thời gian", "Parents over time"),
        "admin_units.pick": ("Chọn đơn vị", "Choose a unit"),
        "admin_units.move_heading": (
            "**Chuyển sang đơn vị cấp trên khác**",
            "**Move under another parent**",
        ),
        "admin_units.from_day": ("Từ ngày", "From"),
        "admin_units.move": ("Chuyển", "Move"),
        "admin_units.moved": ("Đã chuyển đơn vị.", "Unit moved."),
        "admin_units.end_heading": ("**Kết thúc liên kết**", "**End a link**"),
        "admin_units.link": ("Liên kết", "Link"),
        "admin_units.end": ("Kết thúc", "End"),
        "admin_units.ended": ("Đã kết thúc liên kết.", "Link ended."),
        "admin_units.delete_help": (
            "Chỉ xóa đơn vị nhập nhầm. Đơn vị không còn tồn tại thì đặt ngày hết hiệu lực.",
            "Delete only a unit entered by mistake; give one that ceased an end date.",
        ),
        "admin_units.merge_heading": ("Sáp nhập, sắp xếp lại đơn vị", "Merge / reorganise"),
        "admin_units.merge_help": (
            "Ví dụ ngày 01/7/2025 (Nghị quyết 1669/NQ-UBTVQH15): các xã cũ trực thuộc xã mới từ "
            "ngày đó. Số liệu trước ngày này vẫn tính theo cơ cấu cũ, từ ngày này cộng dồn vào xã "
            "mới.",
            "E.g. 1/7/2025 (Resolution 1669/NQ-UBTVQH15): the old communes sit under the new one "
            "from that day. Figures before it follow the old structure; from it, they roll up into "
            "the new commune.",
        ),
        "admin_units.merge_old": ("Các đơn vị cũ", "Old units"),
        "admin_units.merge_placeholder": ("Chọn các xã, thị trấn cũ", "Choose the old communes"),
        "admin_units.merge_into": ("Sáp nhập vào", "Merged into"),
        "admin_units.close_old": (
            "Đơn vị cũ hết hiệu lực từ ngày này",
            "The old units end on that day",
        ),
        "admin_units.merge": ("Ghi nhận sắp xếp", "Record the reorganisation"),
        "admin_units.merged": ("Đã ghi nhận sắp xếp đơn vị.", "Reorganisation recorded."),
        "admin_audit.heading": ("Nhật ký thay đổi", "Change log"),
        "admin_audit.noun": ("thay đổi", "changes"),
        "admin_audit.table": ("Bảng", "Table"),
        "admin_audit.action": ("Thao tác", "Action"),
        "admin_audit.from": ("Từ ngày", "From"),
        "admin_audit.to": ("Đến ngày", "To"),
        "admin_audit.no": ("Số", "No."),
        "admin_audit.at": ("Thời điểm", "When"),
        "admin_audit.record": ("Mã bản ghi", "Record"),
        "admin_audit.changes": ("Thay đổi", "Changes"),
        "admin_audit.reverted": ("Đã hoàn tác lúc", "Reverted at"),
        "admin_audit.pick": ("Chọn một thay đổi để xem chi tiết", "Choose a change to see it"),
        "admin_audit.field": ("Trường", "Field"),
        "admin_audit.before": ("Trước", "Before"),
        "admin_audit.after": ("Sau", "After"),
        "admin_audit.already": ("Thay đổi này đã được hoàn tác lúc {at}.", "Reverted at {at}."),
        "admin_audit.confirm": (
            "Tôi muốn đưa bản ghi về giá trị trước thay đổi này",
            "Put the record back as it was before this change",
        ),
        "admin_audit.revert": ("Hoàn tác thay đổi này", "Revert this change"),
        "admin_audit.reverted_done": ("Đã hoàn tác thay đổi số {no}.", "Change {no} reverted."),
        "action.insert": ("Thêm mới", "Added"),
        "action.update": ("Sửa", "Edited"),
        "action.delete": ("Xóa", "Deleted"),
        "action.restore": ("Khôi phục", "Restored"),
        "action.void": ("Hủy sự kiện", "Event taken back"),
        "action.revert": ("Hoàn tác", "Reverted"),
        "action.lock": ("Khóa tài khoản", "Account locked"),
        "action.password": ("Đổi mật khẩu", "Password changed"),
        "action.backup": ("Sao lưu", "Backed up"),
        "table.member": ("Đoàn viên", "Members"),
        "table.membership_event": ("Sự kiện đoàn viên", "Member events"),
        "table.enterprise": ("Doanh nghiệp", "Enterprises"),
        "table.grassroots_union": ("Công đoàn cơ sở", "Grassroots unions"),
        "table.org_unit": ("Đơn vị", "Units"),
        "table.unit_link": ("Trực thuộc", "Unit links"),
        "table.app_user": ("Tài khoản", "Accounts"),
        "table.plan": ("Kế hoạch", "Plans"),
        "table.plan_target": ("Chỉ tiêu", "Targets"),
        "table.target_allocation": ("Giao chỉ tiêu", "Target split"),
        "table.import_batch": ("Lần nhập tệp", "Imports"),
        "table.audit_log": ("Nhật ký", "Log"),
    }
)

"""Accounts, logins and roles; the audit log and undo; organisation units, targets and the admin
pages. Keys: auth.*, audit.*, unit.*, target.*, admin_*."""

STRINGS: dict[str, tuple[str, str]] = {}


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

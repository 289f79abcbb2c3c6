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

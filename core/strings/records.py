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

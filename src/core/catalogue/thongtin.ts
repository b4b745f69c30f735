/** The ThongTin labels in canonical order (WORKBOOKS.md §1.2): the template writes them, readers find them. */
export const THONGTIN_LABELS = [
  "Mã đơn vị",
  "Tên đơn vị",
  "Kỳ báo cáo",
  "Từ ngày",
  "Đến ngày",
  "Người lập biểu",
  "Thủ trưởng đơn vị",
  "Ngày lập",
  "Phiên bản biểu mẫu",
] as const;


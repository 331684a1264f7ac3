/**
 * Vietnamese, the default language and the source of the message keys. `{name}` marks a
 * value filled in by `t(key, { name })`; the type of `t` makes those values required.
 */
export const vi = {
  'app.name': 'Tiến Độ',
  'app.tagline': 'Theo dõi kế hoạch chuyển đổi số',
  'app.skipToContent': 'Bỏ qua, đến nội dung chính',
  'app.loading': 'Đang tải…',
  'app.retry': 'Thử lại',
  'app.sessionCheckFailed': 'Không kiểm tra được phiên đăng nhập.',

  'language.label': 'Ngôn ngữ',

  'signIn.title': 'Đăng nhập',
  'signIn.intro': 'Dùng tài khoản do đơn vị cấp để theo dõi và báo cáo tiến độ kế hoạch.',
  'signIn.email': 'Email',
  'signIn.password': 'Mật khẩu',
  'signIn.submit': 'Đăng nhập',
  'signIn.submitting': 'Đang đăng nhập…',
  'signIn.retryAfter': 'Vui lòng thử lại sau {seconds} giây.',

  'demo.title': 'Tài khoản dùng thử',
  'demo.intro': 'Đây là bản chạy thử. Chọn một tài khoản để điền sẵn biểu mẫu đăng nhập.',
  'demo.use': 'Dùng tài khoản này',
  'demo.unavailable': 'Không tải được danh sách tài khoản dùng thử.',

  'home.greeting': 'Xin chào, {name}',
  'home.profile': 'Thông tin tài khoản',
  'home.role': 'Vai trò',
  'home.unit': 'Đơn vị',
  'home.email': 'Email',
  'home.comingSoon':
    'Bảng điều khiển đầy đủ — kế hoạch, chỉ tiêu và báo cáo tiến độ của đơn vị — sẽ sớm có tại đây.',

  'auth.signOut': 'Đăng xuất',

  'error.generic': 'Đã có lỗi xảy ra. Vui lòng thử lại.',
  'error.network': 'Không kết nối được với máy chủ. Vui lòng kiểm tra mạng rồi thử lại.',
  'error.unexpected': 'Máy chủ trả lời không như mong đợi (mã {status}). Vui lòng thử lại sau.',
} as const;

export type MessageKey = keyof typeof vi;

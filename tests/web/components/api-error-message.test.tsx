import { screen } from '@testing-library/react';
import { describe, expect, test } from 'vitest';
import { ApiErrorMessage } from '../../../web/src/components/ui/api-error-message';
import { ApiError } from '../../../web/src/lib/api-client';
import { renderInApp } from '../render';

describe('ApiErrorMessage', () => {
  test('a wrong password is said in Vietnamese, without the English detail', () => {
    renderInApp(<ApiErrorMessage error={new ApiError({ status: 401, code: 'INVALID_CREDENTIALS', detail: 'Wrong e-mail or password.' })} />);
    expect(screen.getByText('Email hoặc mật khẩu không đúng.')).toBeTruthy();
    expect(screen.queryByText('Wrong e-mail or password.')).toBeNull();
    expect(screen.queryByText('Chi tiết kỹ thuật')).toBeNull();
  });

  test('throttled sign-ins say when to try again, in minutes', () => {
    renderInApp(<ApiErrorMessage error={new ApiError({ status: 429, code: 'LOGIN_THROTTLED', detail: 'Too many attempts.', retryAfterSeconds: 290 })} />);
    expect(screen.getByText('Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 5 phút.')).toBeTruthy();
  });

  test('a detail that names the value is offered under "Technical details", marked as English', () => {
    renderInApp(
      <ApiErrorMessage error={new ApiError({ status: 409, code: 'DUPLICATE_CODE', detail: 'This unit already has a report numbered "125/BC-STTTT".' })} />,
      { locale: 'en' },
    );
    expect(screen.getByText('This code or number is already in use. Choose another.')).toBeTruthy();
    const details = screen.getByText('Technical details').closest('details')!;
    // In English the detail is the reader's own language: no lang switch needed.
    expect(details.textContent).toContain('125/BC-STTTT');
  });

  test('in Vietnamese the English detail is marked lang="en"', () => {
    renderInApp(<ApiErrorMessage error={new ApiError({ status: 409, code: 'INVALID_STATE', detail: 'The report is frozen.' })} />);
    expect(screen.getByText('The report is frozen.').closest('[lang]')?.getAttribute('lang')).toBe('en');
  });
});

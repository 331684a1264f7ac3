import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, test, vi } from 'vitest';
import { DateInput } from '../../../web/src/components/ui/date-input';
import { renderInApp } from '../render';

describe('DateInput', () => {
  test('a date being typed stays in the field; only a whole date in range is passed on', () => {
    const onCommit = vi.fn();
    renderInApp(
      <>
        <label htmlFor="d">Tính đến ngày</label>
        <DateInput id="d" value="" onCommit={onCommit} />
      </>,
    );
    const field = screen.getByLabelText<HTMLInputElement>('Tính đến ngày');
    // What the browser reports while the year is typed digit by digit.
    for (const partial of ['0002-06-30', '0020-06-30', '0202-06-30']) {
      fireEvent.change(field, { target: { value: partial } });
      expect(field.value).toBe(partial);
    }
    expect(onCommit).not.toHaveBeenCalled();
    fireEvent.change(field, { target: { value: '2020-06-30' } });
    expect(onCommit).toHaveBeenCalledExactlyOnceWith('2020-06-30');
    fireEvent.change(field, { target: { value: '' } });
    expect(onCommit).toHaveBeenLastCalledWith(undefined);
  });

  test('leaving the field with a partial date shows the date in force again, and a new one replaces it', () => {
    const onCommit = vi.fn();
    const view = renderInApp(<DateInput aria-label="Từ ngày" value="2021-01-01" onCommit={onCommit} />);
    const field = screen.getByLabelText<HTMLInputElement>('Từ ngày');
    fireEvent.change(field, { target: { value: '0202-01-01' } });
    fireEvent.blur(field);
    expect(field.value).toBe('2021-01-01');
    view.rerender(<DateInput aria-label="Từ ngày" value="2022-03-31" onCommit={onCommit} />);
    expect(field.value).toBe('2022-03-31');
    expect(onCommit).not.toHaveBeenCalled();
  });
});

import type { Plan } from '@tiendo/shared/schemas/plans';
import { useMemo } from 'react';
import { localizedName } from '../../components/ui/localized';
import { useI18n } from '../../i18n/use-t';
import { usePlans } from './api/get-plans';

/** Titles of the plans in scope, by code (one request of up to 500 plans). */
export function usePlanNames(): { name: (code: string | null) => string; plans: Plan[] } {
  const { locale } = useI18n();
  const query = usePlans({ pageSize: 500, sort: 'title' });
  return useMemo(() => {
    const plans = query.data?.items ?? [];
    const byCode = new Map(plans.map((plan) => [plan.code, plan]));
    return {
      plans,
      name: (code: string | null) => {
        if (!code) return '';
        const plan = byCode.get(code);
        return plan ? localizedName({ vi: plan.titleVi, en: plan.titleEn }, locale).text : code;
      },
    };
  }, [query.data, locale]);
}

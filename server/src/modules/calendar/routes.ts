import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Calendar, CalendarQuery } from '@tiendo/shared/schemas/calendar';
import { authProblems } from '../../lib/route-schemas';
import { createCalendarService } from './service';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const service = createCalendarService(app.deps);
  const tags = ['calendar'];

  app.get('/calendar', {
    config: { access: 'authenticated' },
    schema: {
      tags,
      summary: 'The reporting calendar of a unit subtree: every report due in a date range and where it stands (due, overdue, drafted, submitted, accepted, returned)',
      querystring: CalendarQuery,
      response: { 200: Calendar, ...authProblems(404) },
    },
  }, (req) => service.calendar(req.ctx, req.query));
};

export default routes;

import { Type, type Static } from 'typebox';
import { ROLES } from '../roles';

export const RoleSchema = Type.Enum(ROLES);

export const UnitRef = Type.Object({
  code: Type.String(),
  nameVi: Type.String(),
  nameEn: Type.Union([Type.String(), Type.Null()]),
});
export type UnitRef = Static<typeof UnitRef>;

export const SessionUser = Type.Object({
  id: Type.Integer(),
  email: Type.String(),
  name: Type.String(),
  role: RoleSchema,
  unit: UnitRef,
});
export type SessionUser = Static<typeof SessionUser>;

export const LoginBody = Type.Object(
  {
    email: Type.String({ minLength: 3, maxLength: 254 }),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
    refreshTokenInBody: Type.Optional(
      Type.Boolean({ description: 'Also return the refresh token in the response body (for API clients without cookies); browsers should rely on the httpOnly cookie' }),
    ),
  },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBody>;

export const RefreshBody = Type.Object(
  { refreshToken: Type.Optional(Type.String({ minLength: 20, maxLength: 200 })) },
  { additionalProperties: false },
);
export type RefreshBody = Static<typeof RefreshBody>;

export const SessionResponse = Type.Object({
  accessToken: Type.String(),
  tokenType: Type.Literal('Bearer'),
  expiresIn: Type.Integer({ description: 'Seconds until the access token expires' }),
  refreshToken: Type.Optional(
    Type.String({ description: 'Only when asked for (refreshTokenInBody at login, or a refresh that sent it in the body); otherwise it travels only in the httpOnly cookie' }),
  ),
  user: SessionUser,
});
export type SessionResponse = Static<typeof SessionResponse>;

export const MeResponse = Type.Object({ user: SessionUser });
export type MeResponse = Static<typeof MeResponse>;

export const DemoAccountsResponse = Type.Object({
  accounts: Type.Array(
    Type.Object({
      email: Type.String(),
      password: Type.String(),
      role: RoleSchema,
      name: Type.String(),
      unitCode: Type.String(),
      unitName: Type.String(),
    }),
  ),
});
export type DemoAccountsResponse = Static<typeof DemoAccountsResponse>;

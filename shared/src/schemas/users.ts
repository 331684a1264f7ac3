import { Type, type Static } from 'typebox';
import { Code, Nullable, Page, PageQuery, Text, VersionBody } from './common';
import { RoleSchema } from './auth';

export const User = Type.Object({
  id: Type.Integer(),
  email: Type.String(),
  name: Type.String(),
  role: RoleSchema,
  unitCode: Type.String(),
  disabled: Type.Boolean(),
  hasPassword: Type.Boolean(),
  lastLoginAt: Nullable(Type.String()),
  version: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type User = Static<typeof User>;

export const UserList = Page(User);
export type UserList = Static<typeof UserList>;

export const UserListQuery = Type.Object(
  {
    ...PageQuery,
    q: Type.Optional(Text(200)),
    under: Type.Optional(Code),
    role: Type.Optional(RoleSchema),
    disabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type UserListQuery = Static<typeof UserListQuery>;

export const Email = Type.String({ minLength: 3, maxLength: 254, pattern: '^[^\\s@]+@[^\\s@]+$' });
export const Password = Type.String({ minLength: 10, maxLength: 1024, description: 'At least 10 characters' });

export const CreateUserBody = Type.Object(
  { email: Email, name: Text(200, 1), role: RoleSchema, unitCode: Code, password: Type.Optional(Password) },
  { additionalProperties: false },
);
export type CreateUserBody = Static<typeof CreateUserBody>;

export const UpdateUserBody = Type.Object(
  {
    ...VersionBody,
    name: Type.Optional(Text(200, 1)),
    role: Type.Optional(RoleSchema),
    unitCode: Type.Optional(Code),
    disabled: Type.Optional(Type.Boolean()),
    password: Type.Optional(Password),
  },
  { additionalProperties: false },
);
export type UpdateUserBody = Static<typeof UpdateUserBody>;

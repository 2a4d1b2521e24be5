import * as z from 'zod';
import { MAX_SIGN_IN_TEXT } from './audit.ts';
import { userExamples } from './examples/users.ts';

/*
 * Accounts of a tenant environment, as its staff administration sees them (secret key).
 */

export const Role = z
  .enum(['owner', 'admin', 'privacy_officer', 'operator', 'member'])
  .meta({ id: 'Role', description: 'What the account may do in its tenant: owner and admin administer, privacy_officer handles rights requests, operator runs schedules, member is an end user.' });
export type Role = z.infer<typeof Role>;

export const UserId = z.string().max(64).regex(/^[A-Za-z0-9_-]{1,64}$/).meta({ id: 'UserId', example: 'f3Kq9Zb1xV7mT2nR8pLw4c' });

export const User = z
  .object({
    id: UserId,
    email: z.string().max(MAX_SIGN_IN_TEXT).meta({ example: 'harbourmaster@portal.example' }),
    name: z.string().max(MAX_SIGN_IN_TEXT),
    role: Role,
    emailVerified: z.boolean(),
    disabled: z.boolean().meta({ description: 'A disabled account cannot sign in; its sessions were ended.' }),
    createdAt: z.string().max(30).meta({ description: 'ISO 8601, UTC.' }),
  })
  .meta({ id: 'User', examples: [userExamples.user] });
export type User = z.infer<typeof User>;

export const UserListQuery = z.object({
  role: Role.optional().meta({ description: 'Only accounts with this role.' }),
});

export const RoleChange = z.object({ role: Role }).meta({ id: 'RoleChange', examples: [userExamples.roleChange] });
export type RoleChange = z.infer<typeof RoleChange>;

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
    guardianConsent: z.enum(['pending', 'given']).nullable().meta({ description: 'An account made below the age of digital consent: `pending` until a parent or guardian consents (it cannot sign in; unanswered, it is erased after 14 days), then `given`. null: no guardian consent was needed.' }),
    createdAt: z.string().max(30).meta({ description: 'ISO 8601, UTC.' }),
  })
  .meta({ id: 'User', examples: [userExamples.user] });
export type User = z.infer<typeof User>;

export const UserSignOut = z
  .object({
    userId: UserId,
    sessionsEnded: z.number().int().min(0).meta({ description: 'better-auth sessions ended (sign-ins on the API\'s own pages).' }),
    signInsRevoked: z.number().int().min(0).meta({ description: 'Sign-ins of the embeddable login ended: refresh-token families, each with every token it still had.' }),
  })
  .meta({ id: 'UserSignOut', examples: [userExamples.signOut] });
export type UserSignOut = z.infer<typeof UserSignOut>;

export const UserListQuery = z.object({
  role: Role.optional().meta({ description: 'Only accounts with this role.' }),
});

export const RoleChange = z.object({ role: Role }).meta({ id: 'RoleChange', examples: [userExamples.roleChange] });
export type RoleChange = z.infer<typeof RoleChange>;

/*
 * Staff invitations: an account is invited by email with a staff role, which it gets when the
 * link in the mail is used to set a password (valid 7 days, once).
 */

export const StaffRole = Role.exclude(['member']).meta({ id: 'StaffRole', description: 'A role above member: what an invitation grants.' });
export type StaffRole = z.infer<typeof StaffRole>;

export const InvitationId = z.string().max(44).regex(/^inv_[A-Za-z0-9_-]{20,40}$/).meta({ id: 'InvitationId', example: 'inv_Yk3Lp9Qs2Vx7Zb4Nc8Rt1Wm6' });

export const NewInvitation = z
  .object({
    email: z.email().max(254).meta({ description: 'Where the invitation goes. An account of this tenant environment with this email is reused if it is a member.' }),
    role: StaffRole,
    name: z.string().max(200).optional().meta({ description: 'The name of a new account (an existing account keeps its own).' }),
    locale: z.enum(['en', 'da', 'de', 'hi']).optional().meta({ description: 'The language of the mail and the set-password page; English when absent.' }),
  })
  .meta({ id: 'NewInvitation', examples: [userExamples.newInvitation] });
export type NewInvitation = z.infer<typeof NewInvitation>;

export const Invitation = z
  .object({
    id: InvitationId,
    userId: UserId,
    email: z.string().max(MAX_SIGN_IN_TEXT),
    role: StaffRole,
    locale: z.enum(['en', 'da', 'de', 'hi']),
    status: z.enum(['pending', 'accepted', 'revoked', 'expired']).meta({ description: '`pending` until the link is used (`accepted`), withdrawn (`revoked`) or 7 days pass (`expired`).' }),
    createdAt: z.string().max(30).meta({ description: 'ISO 8601, UTC.' }),
    expiresAt: z.string().max(30),
  })
  .meta({ id: 'Invitation', examples: [userExamples.invitation] });
export type Invitation = z.infer<typeof Invitation>;

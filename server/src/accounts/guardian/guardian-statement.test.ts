import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAIL_LOCALES, renderMail } from '../../mail/mail-template.ts';
import { guardianConsentRequestMail } from '../../mail/templates/guardian-consent-request.ts';
import { guardianStatement, statementHash } from './guardian-statement.ts';
import { GuardianLinks, maskEmail } from './guardian-link.ts';

const facts = { organisation: 'Port Agency', service: 'https://portal.example', child: 'i••@agency.example', policyVersion: '2026-04-03', termsVersion: 'T-3' };

describe('guardian statement, mail and link', () => {
  it('words the statement in every language with the facts and versions; the hash is of the exact words', () => {
    for (const locale of MAIL_LOCALES) {
      for (const decision of ['consent', 'refuse'] as const) {
        const statement = guardianStatement(locale, decision, facts);
        for (const fact of [facts.organisation, facts.service, facts.child]) assert.ok(statement.includes(fact), `${locale} ${decision}: ${fact}`);
        if (decision === 'consent') assert.ok(statement.includes('2026-04-03') && statement.includes('T-3'), `${locale}: the versions`);
        assert.doesNotMatch(statement, /\{/, `${locale} ${decision}: every placeholder filled`);
      }
      assert.notDeepEqual(statementHash(guardianStatement(locale, 'consent', facts)), statementHash(guardianStatement(locale, 'refuse', facts)));
    }
    assert.deepEqual(statementHash(guardianStatement('en', 'consent', facts)), statementHash(guardianStatement('en', 'consent', { ...facts })));
  });

  it('renders the guardian mail in every language with the link set apart', () => {
    for (const locale of MAIL_LOCALES) {
      const mail = renderMail(locale, guardianConsentRequestMail(locale, { organisation: 'Port Agency', service: 'https://portal.example', child: 'i••@agency.example', link: 'https://api.example/embed/guardian-consent?token=x', validDays: 14 }));
      assert.ok(mail.text.includes('https://api.example/embed/guardian-consent?token=x'), locale);
      assert.ok(mail.text.includes('14') && mail.text.includes('i••@agency.example') && mail.subject.includes('Port Agency'), locale);
      assert.match(mail.html, new RegExp(`<html lang="${locale}">`));
    }
  });

  it('signs a link for one scope only; an altered one is refused before any lookup', () => {
    const links = new GuardianLinks(Buffer.alloc(32, 7));
    const scope = { tenantId: 'ten_aaaaaaaaaaaaaaaaaaaa', environment: 'live' as const };
    const { token, tokenHash } = links.issue(scope);
    assert.deepEqual(links.check(scope, token), tokenHash);
    assert.equal(links.check({ ...scope, environment: 'test' }, token), undefined);
    assert.equal(links.check({ ...scope, tenantId: 'ten_bbbbbbbbbbbbbbbbbbbb' }, token), undefined);
    assert.equal(links.check(scope, `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`), undefined);
    assert.equal(links.check(scope, token.split('.')[0]!), undefined);
    assert.equal(new GuardianLinks(Buffer.alloc(32, 8)).check(scope, token), undefined, 'another master key');
    assert.equal(maskEmail('ida@agency.example'), 'i••@agency.example');
  });
});

import { expect } from '@open-wc/testing';
import { AuthenticationError, ConnectionError, PermissionDeniedError, ServerError } from '@porttask/sdk';
import { describeError, MissingSettingError } from './describe-error.ts';

describe('describeError', () => {
  it('sorts the SDK errors into what the user is told', () => {
    expect(describeError(new AuthenticationError('bad key', 401, 'INVALID_API_KEY', 'req_1'))).to.include({
      kind: 'unauthorized',
      status: 401,
      code: 'INVALID_API_KEY',
      requestId: 'req_1',
    });
    expect(describeError(new PermissionDeniedError('no', 403, 'ORIGIN_NOT_ALLOWED', 'req_2')).kind).to.equal('origin-not-allowed');
    expect(describeError(new ConnectionError('offline')).kind).to.equal('network');
    expect(describeError(new ServerError('boom', 503, 'SERVICE_UNAVAILABLE', 'req_3')).kind).to.equal('server');
  });

  it('reads the loader’s plain errors the same way', () => {
    const prefetchError = Object.assign(new Error('rejected'), { status: 401, code: 'API_KEY_REVOKED', requestId: 'req_4' });
    expect(describeError(prefetchError)).to.include({ kind: 'unauthorized', code: 'API_KEY_REVOKED' });
    expect(describeError(new TypeError('Failed to fetch')).kind).to.equal('network');
  });

  it('names the missing setting, and treats anything unknown as a server problem', () => {
    expect(describeError(new MissingSettingError('api-url'))).to.include({ kind: 'missing-setting', setting: 'api-url' });
    expect(describeError('something odd')).to.include({ kind: 'server', message: 'something odd' });
  });
});

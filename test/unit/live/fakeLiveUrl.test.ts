import { describe, expect, it } from 'vitest'
import { parseLiveUpgradePath } from '../../support/fakeLive/liveUrl'

describe('the fake server reads the SDK\'s raw Live paths', () => {
  it.each([
    ['//ws/google.ai.generativelanguage.v1.GenerativeService.BidiGenerateContent?key=K', 'v1', 'BidiGenerateContent', 'key', 'K'],
    ['//ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent?key=test-key-1234', 'v1beta', 'BidiGenerateContent', 'key', 'test-key-1234'],
    ['//ws/google.ai.generativelanguage.v1alpha.GenerativeService.BidiGenerateContentConstrained?access_token=auth_tokens/abc123', 'v1alpha', 'BidiGenerateContentConstrained', 'access_token', 'auth_tokens/abc123'],
    ['/proxy//ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent?key=a+b', 'v1beta', 'BidiGenerateContent', 'key', 'a+b'],
    ['/ws/google.ai.generativelanguage.v1beta.GenerativeService.BidiGenerateContent', 'v1beta', 'BidiGenerateContent', null, null],
  ])('%s', (path, apiVersion, method, credentialParam, credential) => {
    expect(parseLiveUpgradePath(path)).toEqual({ apiVersion, method, credentialParam, credential })
  })

  it.each(['/', '//ws/google.ai.generativelanguage.v2.GenerativeService.BidiGenerateContent', '/v1beta/models:generateContent'])('refuses %s', (path) => {
    expect(parseLiveUpgradePath(path)).toBeNull()
  })
})

import type { Messages } from './en'

export const ja: Messages = {
  onboarding: {
    title: 'Sightline へようこそ',
    intro:
      'Sightline は Google Gemini と会話します。始めるには、ご自身の Gemini API キーが必要です。Google AI Studio の {address} で無料で作成できます（ブラウザで開いてサインインし、「API キーを作成」を選んでください）。',
    keyKept:
      'キーは Gemini との短いセッションで確認してから保存されます。キーはこのコンピューターにとどまり、二度と表示されません。Sightline が表示するのは最後の 4 文字だけです。',
    checkAndSave: 'キーを確認して保存',
    ownKey: '自分の Gemini API キーを持っています',
    managed: '組織から Sightline のアドレスを受け取りました',
  },
  conversation: {
    startSession: 'セッションを開始',
    endSession: 'セッションを終了',
    history: '履歴',
    historyTitle: '履歴 (Ctrl+Shift+H)',
    settings: '設定',
  },
  settings: {
    title: '設定',
  },
  history: {
    title: '履歴',
  },
  tray: {
    idle: 'Sightline',
    listening: 'Sightline: 聞いています',
    thinking: 'Sightline: 考えています',
    speaking: 'Sightline: 話しています',
    sharing: 'Sightline: 画面を共有中',
    error: 'Sightline: 確認が必要です',
    reconnecting: '再接続中…',
    talk: '話す',
    stopTalking: '話すのをやめる',
    stopSharing: '共有を停止',
    shareAndAsk: '画面を共有して質問',
    lookNow: '今すぐ見る',
    handsFree: 'ハンズフリー',
    mute: 'ミュート',
    open: 'Sightline を開く',
    history: '履歴…',
    settings: '設定…',
    restartToUpdate: '再起動して更新 ({version})',
    quit: 'Sightline を終了',
  },
  voicePreview: {
    play: '{voice} を試聴',
    making: 'サンプルを作成中…',
    playing: '再生中…',
    cannotPlay: 'サンプルを再生できませんでした: {reason}',
  },
}

import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { createUiI18n } from './i18n'

const i18n = createUiI18n()
document.documentElement.lang = i18n.global.locale.value
createApp(App).use(createPinia()).use(i18n).mount('#app')

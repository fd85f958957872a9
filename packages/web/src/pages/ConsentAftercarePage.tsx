import { Stack, Tabs, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useSignedInSession } from '../api/session.js';
import { AftercareTemplates } from '../components/aftercare/AftercareTemplatesPanel.js';
import { ConsentTemplates } from '../components/consents/ConsentTemplatesPanel.js';
import { GalleryPanel } from '../components/gallery/GalleryPanel.js';
import { OutboxPanel } from '../components/outbox/OutboxPanel.js';

/** Consent templates, aftercare templates, the outbox of reminders (owner) and the photo gallery. */
export function ConsentAftercarePage() {
  const { t } = useTranslation();
  const role = useSignedInSession().user.role;
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'consent';
  return (
    <Stack gap="lg">
      <Title order={2}>{t('consentPage.title')}</Title>
      <Tabs
        value={tab}
        onChange={(v) => setParams(v ? { tab: v } : {}, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List>
          <Tabs.Tab value="consent" data-testid="tab-consent-templates">
            {t('consentPage.consentTemplates')}
          </Tabs.Tab>
          <Tabs.Tab value="aftercare" data-testid="tab-aftercare-templates">
            {t('consentPage.aftercareTemplates')}
          </Tabs.Tab>
          {role !== 'front_desk' && (
            <Tabs.Tab value="gallery" data-testid="tab-gallery">
              {t('consentPage.gallery')}
            </Tabs.Tab>
          )}
          {role === 'owner' && (
            <Tabs.Tab value="outbox" data-testid="tab-outbox">
              {t('consentPage.outbox')}
            </Tabs.Tab>
          )}
        </Tabs.List>
        <Tabs.Panel value="consent" pt="md">
          <ConsentTemplates owner={role === 'owner'} />
        </Tabs.Panel>
        <Tabs.Panel value="aftercare" pt="md">
          <AftercareTemplates owner={role === 'owner'} />
        </Tabs.Panel>
        <Tabs.Panel value="gallery" pt="md">
          <GalleryPanel />
        </Tabs.Panel>
        <Tabs.Panel value="outbox" pt="md">
          <OutboxPanel />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

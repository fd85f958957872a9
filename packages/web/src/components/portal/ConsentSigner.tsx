import { useRef, useState } from 'react';
import { Alert, Badge, Button, Card, Group, ScrollArea, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { PortalConsent } from '@stipple/core';
import { useApi } from '../../api/ApiProvider.js';
import { isApiRequestError } from '../../api/api-error.js';
import { describeError } from '../../api/describe-error.js';
import { SignaturePad, type SignaturePadHandle } from '../SignaturePad.js';

export interface SignableTemplate {
  id: string;
  kind: 'treatment' | 'photo' | 'marketing';
  title: string;
  body: string;
}

/** One consent text to read in full and sign with a finger; each consent is signed on its own. */
export function ConsentSigner({
  template,
  signerName,
  optional,
  onSigned,
  sign,
}: {
  template: SignableTemplate;
  signerName: string;
  optional: boolean;
  onSigned: (consent: PortalConsent) => void;
  /** The portal signs by default; the kiosk passes its own. */
  sign?: (body: { templateId: string; signerName: string; signature: string }) => Promise<PortalConsent>;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const pad = useRef<SignaturePadHandle>(null);
  const [name, setName] = useState(signerName);
  const [empty, setEmpty] = useState(true);
  const mutation = useMutation({
    mutationFn: () => {
      const body = { templateId: template.id, signerName: name.trim(), signature: pad.current!.toPng() };
      return sign ? sign(body) : api.portalSign(body);
    },
    onSuccess: onSigned,
  });
  return (
    <Card withBorder radius="lg" data-testid={`sign-${template.kind}`}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Title order={3} size="h5">
            {template.title}
          </Title>
          <Badge variant="light" color={optional ? 'gray' : 'indigo'}>
            {optional ? t('portal.optional') : t('portal.needed')}
          </Badge>
        </Group>
        <ScrollArea.Autosize mah={260} type="auto" offsetScrollbars>
          <Text size="sm" style={{ whiteSpace: 'pre-line' }} data-testid="consent-text">
            {template.body}
          </Text>
        </ScrollArea.Autosize>
        <TextInput
          label={t('portal.signerName')}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
        />
        <SignaturePad ref={pad} label={t('consents.signHere')} onChange={setEmpty} />
        {mutation.isError && (
          <Alert color="red" role="alert">
            {isApiRequestError(mutation.error) && mutation.error.code === 'validation_failed'
              ? t('portal.signatureMissing')
              : describeError(mutation.error, t)}
          </Alert>
        )}
        <Button
          onClick={() => mutation.mutate()}
          disabled={empty || !name.trim()}
          loading={mutation.isPending}
          data-testid={`sign-${template.kind}-submit`}
        >
          {t('portal.sign')}
        </Button>
      </Stack>
    </Card>
  );
}

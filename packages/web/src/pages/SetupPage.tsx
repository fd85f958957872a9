import { useRef, useState, type FormEvent } from 'react';
import {
  Alert,
  Anchor,
  Box,
  Button,
  Center,
  Group,
  Loader,
  Paper,
  PasswordInput,
  Stack,
  Stepper,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconCircleCheck } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { CreateStudioRequest, defaultStudioProfile, type StudioProfile } from '@stipple/core';
import { useApi } from '../api/ApiProvider.js';
import { useSetSession } from '../api/session.js';
import { describeError } from '../api/describe-error.js';
import { serverFieldErrors, validateWithSchema } from '../forms/schema-form.js';
import { browserTimeZone } from '../forms/studio-form.js';
import { minutesOf } from '../forms/working-hours-form.js';
import { LanguageSwitch } from '../components/LanguageSwitch.js';
import { PasswordStrengthMeter } from '../components/PasswordStrengthMeter.js';
import { scrollToFirstError } from '../components/scroll-to-first-error.js';
import { LogoUpload, studioKey } from '../components/studio/LogoUpload.js';
import { OpeningHoursFields, type OpeningHoursDraft } from '../components/studio/OpeningHoursFields.js';
import {
  BookingPolicyFields,
  StudioContactFields,
  StudioLocaleFields,
} from '../components/studio/StudioFields.js';
import { useLocale } from '../i18n/use-ui-locale.js';

interface Owner {
  name: string;
  email: string;
  password: string;
  confirm: string;
}

/** The profile fields each step of the wizard asks for (its errors decide whether it may go on). */
const STEP_FIELDS: string[][] = [
  ['name', 'address', 'phone', 'email'],
  ['timeZone', 'languages', 'currency'],
  ['consultationMinutes', 'consultationTypes', 'policy', 'opening'],
];
const ACCOUNT_STEP = 3;
const LOGO_STEP = 4;

/**
 * `/setup`: the first visit of a fresh installation creates the studio. Four steps (the studio,
 * languages and time, consultations and booking, the owner's account), then the studio exists and
 * the owner is signed in; a last step takes the logo.
 */
export function SetupPage() {
  const { t } = useTranslation();
  const api = useApi();
  const locale = useLocale();
  const setSession = useSetSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const invitation = params.get('invitation') ?? undefined;
  const [step, setStep] = useState(0);
  const [opening, setOpening] = useState<OpeningHoursDraft>({
    weekdays: ['2', '3', '4', '5', '6'],
    start: '10:00',
    end: '18:00',
  });
  const [openingErrors, setOpeningErrors] = useState<Record<string, string | undefined>>({});
  const root = useRef<HTMLDivElement>(null);

  const status = useQuery({ queryKey: ['setup'], queryFn: () => api.setupStatus() });
  const form = useForm<StudioProfile>({
    initialValues: defaultStudioProfile({ name: '', timeZone: browserTimeZone(), email: '' }),
  });
  const owner = useForm<Owner>({ initialValues: { name: '', email: '', password: '', confirm: '' } });

  const request = () => {
    const { slug: _slug, ...studio } = form.getValues();
    // The setup shows no types: the one it starts with takes the default length chosen here.
    studio.consultationTypes = studio.consultationTypes.map((c) => ({
      ...c,
      minutes: studio.consultationMinutes,
    }));
    const { confirm: _confirm, ...account } = owner.getValues();
    return {
      studio,
      owner: { ...account, locale },
      openingHours: {
        weekdays: opening.weekdays.map(Number),
        start: minutesOf(opening.start) ?? -1,
        end: minutesOf(opening.end) ?? -1,
      },
      ...(invitation ? { invitation } : {}),
    };
  };
  const allErrors = validateWithSchema(CreateStudioRequest, request, t, ['studio.policy.depositAmountMinor']);

  /** Shows the errors of this step's fields; true when there are none. */
  function stepIsValid(index: number): boolean {
    const errors = allErrors(undefined);
    const prefixes = STEP_FIELDS[index]!;
    const studioErrors: Record<string, string> = {};
    const hours: Record<string, string> = {};
    for (const [path, message] of Object.entries(errors)) {
      if (path.startsWith('studio.')) {
        const field = path.slice('studio.'.length);
        if (prefixes.some((p) => field === p || field.startsWith(`${p}.`))) studioErrors[field] = message;
      } else if (path.startsWith('openingHours.') && prefixes.includes('opening'))
        hours[path.slice('openingHours.'.length)] = message;
    }
    form.setErrors(studioErrors);
    setOpeningErrors(hours);
    const ok = Object.keys(studioErrors).length === 0 && Object.keys(hours).length === 0;
    if (!ok) scrollToFirstError(root.current);
    return ok;
  }

  const create = useMutation({
    mutationFn: () => api.createStudio(request()),
    onSuccess: (session) => {
      setSession(session);
      setStep(LOGO_STEP);
    },
    onError: (err) => {
      const fields = serverFieldErrors(err, t);
      const account: Record<string, string> = {};
      const studio: Record<string, string> = {};
      for (const [k, v] of Object.entries(fields)) {
        if (k.startsWith('owner.')) account[k.slice(6)] = v;
        if (k.startsWith('studio.')) studio[k.slice(7)] = v;
      }
      owner.setErrors(account);
      form.setErrors(studio);
    },
  });

  const submitAccount = () => {
    const errors = allErrors(undefined);
    const account: Record<string, string> = {};
    for (const [k, v] of Object.entries(errors)) if (k.startsWith('owner.')) account[k.slice(6)] = v;
    const values = owner.getValues();
    if (!account.password && values.confirm !== values.password) account.confirm = t('invite.mismatch');
    owner.setErrors(account);
    if (Object.keys(account).length) return scrollToFirstError(root.current);
    for (let i = 0; i < STEP_FIELDS.length; i++)
      if (!stepIsValid(i)) {
        setStep(i);
        return;
      }
    create.mutate();
  };

  const studioSettings = useQuery({
    queryKey: studioKey,
    queryFn: () => api.getStudio(),
    enabled: step === LOGO_STEP,
  });

  const next = () => {
    if (stepIsValid(step)) setStep(step + 1);
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (step < ACCOUNT_STEP) next();
    else if (step === ACCOUNT_STEP) submitAccount();
    else void navigate('/clients', { replace: true });
  };
  const values = form.getValues();

  return (
    <Box mih="100dvh" bg="gray.0" ref={root}>
      <Group justify="space-between" p="md">
        <Text c="indigo.8" fw={700} size="lg">
          {t('app.name')}
        </Text>
        <LanguageSwitch />
      </Group>
      <Center px="sm" pb="xl">
        <Paper withBorder shadow="sm" radius="lg" p={{ base: 'md', sm: 'xl' }} w="100%" maw={900}>
          {status.isPending && (
            <Center py="xl">
              <Loader aria-label={t('common.loading')} />
            </Center>
          )}
          {status.isError && (
            <Alert color="red" role="alert">
              {describeError(status.error, t)}
            </Alert>
          )}
          {status.data && !status.data.canCreate && step !== LOGO_STEP && (
            <Stack gap="md" data-testid="setup-closed">
              <Title order={1} size="h2">
                {t('setup.closedTitle')}
              </Title>
              <Text>{t('setup.closedBody')}</Text>
              <Group>
                <Button component={Link} to="/sign-in">
                  {t('setup.toSignIn')}
                </Button>
              </Group>
            </Stack>
          )}
          {status.data && (status.data.canCreate || step === LOGO_STEP) && (
            <form noValidate onSubmit={onSubmit}>
              <Stack gap="lg">
                <Stack gap={4}>
                  <Title order={1} size="h2">
                    {t('setup.title')}
                  </Title>
                  <Text c="dimmed">{t('setup.intro')}</Text>
                  {status.data.invitationRequired && !invitation && (
                    <Alert color="yellow">{t('setup.needsInvitation')}</Alert>
                  )}
                </Stack>
                <Stepper
                  active={step}
                  size="sm"
                  allowNextStepsSelect={false}
                  onStepClick={(i) => step < LOGO_STEP && setStep(i)}
                >
                  <Stepper.Step label={t('setup.stepStudio')}>
                    <StudioContactFields form={form} />
                  </Stepper.Step>
                  <Stepper.Step label={t('setup.stepLocale')}>
                    <StudioLocaleFields form={form} />
                  </Stepper.Step>
                  <Stepper.Step label={t('setup.stepBooking')}>
                    <Stack gap="xl">
                      <OpeningHoursFields value={opening} errors={openingErrors} onChange={setOpening} />
                      <BookingPolicyFields form={form} languages={values.languages} />
                    </Stack>
                  </Stepper.Step>
                  <Stepper.Step label={t('setup.stepAccount')}>
                    <Stack gap="md">
                      <Text size="sm">{t('setup.accountIntro')}</Text>
                      {create.isError && Object.keys(serverFieldErrors(create.error, t)).length === 0 && (
                        <Alert color="red" role="alert" data-testid="setup-error">
                          {describeError(create.error, t)}
                        </Alert>
                      )}
                      <TextInput
                        label={t('setup.ownerName')}
                        autoComplete="name"
                        withAsterisk
                        data-testid="owner-name"
                        {...owner.getInputProps('name')}
                      />
                      <TextInput
                        label={t('signIn.email')}
                        type="email"
                        autoComplete="username"
                        autoCapitalize="none"
                        withAsterisk
                        data-testid="owner-email"
                        {...owner.getInputProps('email')}
                      />
                      <PasswordInput
                        label={t('invite.password')}
                        autoComplete="new-password"
                        withAsterisk
                        data-testid="owner-password"
                        {...owner.getInputProps('password')}
                      />
                      <PasswordStrengthMeter
                        password={owner.getValues().password}
                        userInputs={[owner.getValues().name, owner.getValues().email, values.name]}
                      />
                      <PasswordInput
                        label={t('invite.confirm')}
                        autoComplete="new-password"
                        withAsterisk
                        data-testid="owner-confirm"
                        {...owner.getInputProps('confirm')}
                      />
                    </Stack>
                  </Stepper.Step>
                  <Stepper.Step label={t('setup.stepLogo')}>
                    <Stack gap="md">
                      <Alert color="green" icon={<IconCircleCheck aria-hidden />} data-testid="setup-done">
                        {t('setup.created', { name: values.name })}
                      </Alert>
                      <Text size="sm">{t('setup.logoIntro')}</Text>
                      {studioSettings.data && <LogoUpload studio={studioSettings.data} />}
                      <Text size="sm" c="dimmed">
                        {t('setup.nextSteps')}{' '}
                        <Anchor href={`/s/${studioSettings.data?.slug ?? ''}`} target="_blank">
                          {t('setup.publicPage')}
                        </Anchor>
                      </Text>
                    </Stack>
                  </Stepper.Step>
                </Stepper>
                <Group justify="space-between">
                  {step > 0 && step < LOGO_STEP ? (
                    <Button type="button" variant="default" onClick={() => setStep(step - 1)}>
                      {t('setup.back')}
                    </Button>
                  ) : (
                    <span />
                  )}
                  {step < ACCOUNT_STEP && (
                    <Button type="submit" data-testid="setup-next">
                      {t('setup.next')}
                    </Button>
                  )}
                  {step === ACCOUNT_STEP && (
                    <Button type="submit" loading={create.isPending} data-testid="setup-create">
                      {t('setup.create')}
                    </Button>
                  )}
                  {step === LOGO_STEP && (
                    <Button
                      onClick={() => void navigate('/clients', { replace: true })}
                      data-testid="setup-finish"
                    >
                      {t('setup.finish')}
                    </Button>
                  )}
                </Group>
              </Stack>
            </form>
          )}
        </Paper>
      </Center>
    </Box>
  );
}

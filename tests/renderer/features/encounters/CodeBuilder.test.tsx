import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { BuiltCode } from '@contract/participants';
import type { ParticipantCodeFormula } from '@contract/vocabulary';
import { changeLanguage } from '../../../../renderer/src/i18n';
import { CodeBuilder } from '../../../../renderer/src/features/encounters/CodeBuilder';
import { installFakeBridge, ok, refused, sites } from '../../support/fakeBridge';
import { renderWithProviders } from '../../support/render';

/** A stand-in for the log screen: opens the builder, and closes it when a code is used. */
function Host({ formula, onUse }: { formula: ParticipantCodeFormula; onUse: (code: string) => void }) {
  const [opened, setOpened] = useState(true);
  return (
    <>
      <button type="button" onClick={() => setOpened(true)}>
        Open builder
      </button>
      <CodeBuilder
        opened={opened}
        formula={formula}
        onUse={(code) => {
          onUse(code);
          setOpened(false);
        }}
        onClose={() => setOpened(false)}
      />
    </>
  );
}

async function openBuilder(formula: ParticipantCodeFormula = 'mother_month_year') {
  const user = userEvent.setup();
  const onUse = vi.fn<(code: string) => void>();
  renderWithProviders(<Host formula={formula} onUse={onUse} />);
  await screen.findByRole('dialog', { name: 'New participant code' });
  return { user, onUse };
}

const textbox = (name: string) => screen.getByRole('textbox', { name });
const declined = (question: string) => screen.getByRole('checkbox', { name: `Declined: ${question}` });
const preview = () => screen.getByRole('status');
const useButton = () => screen.getByRole('button', { name: 'Use this code' });
const mother = () => textbox("Mother's first name");
const month = () => textbox('Month of birth');
const year = () => textbox('Year of birth');

const lastVisitAt = '2026-11-02T17:30:00.000Z';

function taken(code: string): BuiltCode {
  return {
    code,
    formula: 'mother_month_year',
    existing: {
      participantId: '0190f5a0-0000-7000-8000-000000000501',
      code,
      canonicalCode: code,
      lastVisit: { occurredAt: lastVisitAt, siteName: sites[0]!.name },
    },
  };
}

describe('participant code builder', () => {
  it('asks the formula questions with hints, focuses the first one and previews the code as it is typed', async () => {
    installFakeBridge();
    const { user } = await openBuilder();

    await waitFor(() => expect(mother()).toHaveFocus());
    expect(mother()).toHaveAccessibleDescription("First 2 letters of mother's first name.");
    expect(month()).toHaveAccessibleDescription('A number from 1 to 12.');
    expect(year()).toHaveAccessibleDescription('2 or 4 digits, for example 85 or 1985.');
    expect(month()).toHaveAttribute('inputmode', 'numeric');
    for (const input of [mother(), month(), year()]) {
      expect(input).toHaveAttribute('autocomplete', 'off');
      expect(input).toHaveAttribute('spellcheck', 'false');
    }
    expect(screen.getByText('Answers are never saved. Only the code is kept.')).toBeInTheDocument();
    expect(preview()).toHaveTextContent('The code appears here as the questions are answered.');

    await user.type(mother(), 'María');
    expect(preview()).not.toHaveTextContent('MA');
    await user.type(month(), '7');
    await user.type(year(), '85');
    expect(preview()).toHaveTextContent('MA0785');

    await user.clear(year());
    await user.type(year(), '1985');
    expect(preview()).toHaveTextContent('MA0785');
    await user.clear(month());
    await user.type(month(), '13');
    expect(preview()).toHaveTextContent('The code appears here as the questions are answered.');
  });

  it('offers the gender options with an empty choice first, in English and Spanish', async () => {
    installFakeBridge();
    await openBuilder('gender_letters_year');

    const gender = screen.getByRole('combobox', { name: 'Gender' });
    expect(gender).toHaveValue('');
    expect(
      within(gender)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['Choose…', 'Woman', 'Man', 'Trans', 'Non-binary', 'Another gender']);
    expect(textbox('Year of birth')).toHaveAccessibleDescription('4 digits, for example 1985.');

    await act(() => changeLanguage('es'));
    const genero = screen.getByRole('combobox', { name: 'Género' });
    expect(
      within(genero)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['Elegir…', 'Mujer', 'Hombre', 'Persona trans', 'Persona no binaria', 'Otro género']);
    expect(screen.getByRole('dialog', { name: 'Nuevo código de participante' })).toBeInTheDocument();
  });

  it('sends declined answers as null, with the declined inputs disabled', async () => {
    const bridge = installFakeBridge();
    const { user, onUse } = await openBuilder('gender_letters_year');

    await user.click(declined('Gender'));
    expect(screen.getByRole('combobox', { name: 'Gender' })).toBeDisabled();
    await user.type(textbox('Four chosen letters'), 'abcd');
    await user.type(textbox('Year of birth'), '19');
    await user.click(declined('Year of birth'));
    expect(textbox('Year of birth')).toBeDisabled();
    expect(preview()).toHaveTextContent('XABCD0000');
    await user.click(useButton());

    await waitFor(() => expect(onUse).toHaveBeenCalledWith('XABCD0000'));
    expect(bridge['participants.buildCode']).toHaveBeenCalledWith({
      formula: 'gender_letters_year',
      answers: { gender: null, chosenLetters: 'abcd', birthYear: null },
    });
  });

  it('sends the chosen option and uses a new code as it is', async () => {
    const bridge = installFakeBridge();
    const { user, onUse } = await openBuilder('gender_letters_year');

    await user.selectOptions(screen.getByRole('combobox', { name: 'Gender' }), 'Non-binary');
    await user.type(textbox('Four chosen letters'), 'RIVR');
    await user.type(textbox('Year of birth'), '1990');
    expect(preview()).toHaveTextContent('NRIVR1990');
    await user.click(useButton());

    await waitFor(() => expect(onUse).toHaveBeenCalledWith('NRIVR1990'));
    expect(onUse).toHaveBeenCalledTimes(1);
    expect(bridge['participants.buildCode']).toHaveBeenCalledWith({
      formula: 'gender_letters_year',
      answers: { gender: 'N', chosenLetters: 'RIVR', birthYear: '1990' },
    });
    expect(bridge['participants.create']).not.toHaveBeenCalled();
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });

  it('shows unanswered and invalid answers at their questions before calling the core', async () => {
    const bridge = installFakeBridge();
    const { user, onUse } = await openBuilder();

    await user.type(month(), '13');
    await user.click(useButton());

    expect(mother()).toHaveAccessibleDescription(/Answer this question, or mark it as declined\./);
    expect(mother()).toHaveAttribute('aria-invalid', 'true');
    expect(month()).toHaveAccessibleDescription(/Enter a month from 1 to 12\./);
    expect(year()).toHaveAccessibleDescription(/Answer this question, or mark it as declined\./);
    expect(mother()).toHaveFocus();
    expect(bridge['participants.buildCode']).not.toHaveBeenCalled();
    expect(onUse).not.toHaveBeenCalled();

    // Answering a question clears its error.
    await user.type(mother(), 'Ma');
    expect(mother()).not.toHaveAttribute('aria-invalid', 'true');
  });

  it('shows a field error from the core at its question, and focuses it', async () => {
    const bridge = installFakeBridge();
    bridge['participants.buildCode'].mockResolvedValue(
      refused({
        code: 'code_month_invalid',
        message: 'Enter a month from 1 to 12.',
        field: 'answers.birthMonth',
        issues: [{ code: 'code_month_invalid', message: 'Enter a month from 1 to 12.', field: 'answers.birthMonth' }],
      }),
    );
    const { user, onUse } = await openBuilder();

    await user.type(mother(), 'Ma');
    await user.type(month(), '7');
    await user.type(year(), '85');
    await user.click(useButton());

    await waitFor(() => expect(month()).toHaveAttribute('aria-invalid', 'true'));
    expect(month()).toHaveAccessibleDescription(/Enter a month from 1 to 12\./);
    expect(month()).toHaveFocus();
    expect(mother()).not.toHaveAttribute('aria-invalid', 'true');
    expect(onUse).not.toHaveBeenCalled();
  });

  it('shows any other refusal from the core as an alert', async () => {
    const bridge = installFakeBridge();
    bridge['participants.buildCode'].mockResolvedValue(
      refused({ code: 'core_unavailable', message: 'The Outpost service cannot be reached.' }),
    );
    const { user, onUse } = await openBuilder();

    await user.type(mother(), 'Ma');
    await user.type(month(), '7');
    await user.type(year(), '85');
    await user.click(useButton());

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The database is not available right now. Nothing was changed.',
    );
    expect(onUse).not.toHaveBeenCalled();
  });

  it('asks "same person?" for a code someone has, with their last visit; Yes uses their code', async () => {
    const bridge = installFakeBridge();
    bridge['participants.buildCode'].mockResolvedValue(ok(taken('MA0785')));
    const { user, onUse } = await openBuilder();

    await user.type(mother(), 'Ma');
    await user.type(month(), '07');
    await user.type(year(), '85');
    await user.click(useButton());

    expect(await screen.findByText('Someone already has the code MA0785.')).toBeInTheDocument();
    const when = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }).format(
      new Date(lastVisitAt),
    );
    expect(screen.getByText(`Last visit: ${when} at Downtown drop-in.`)).toBeInTheDocument();
    expect(screen.getByText('Is this the same person?')).toBeInTheDocument();
    const yes = screen.getByRole('button', { name: 'Yes, same person' });
    await waitFor(() => expect(yes).toHaveFocus());
    expect(onUse).not.toHaveBeenCalled();

    await user.click(yes);
    expect(onUse).toHaveBeenCalledWith('MA0785');
    expect(bridge['participants.create']).not.toHaveBeenCalled();
  });

  it('says so when the person with the code has no visits yet', async () => {
    const bridge = installFakeBridge();
    const built = taken('MA0785');
    bridge['participants.buildCode'].mockResolvedValue(
      ok({ ...built, existing: { ...built.existing!, lastVisit: null } }),
    );
    const { user } = await openBuilder();

    await user.type(mother(), 'Ma');
    await user.type(month(), '7');
    await user.type(year(), '85');
    await user.click(useButton());

    expect(await screen.findByText('No visits yet.')).toBeInTheDocument();
  });

  it('creates a suffixed code for someone else ("No, someone else")', async () => {
    const bridge = installFakeBridge();
    bridge['participants.buildCode'].mockResolvedValue(ok(taken('MA0785')));
    const { user, onUse } = await openBuilder();

    await user.type(mother(), 'Ma');
    await user.type(month(), '7');
    await user.type(year(), '85');
    await user.click(useButton());
    await user.click(await screen.findByRole('button', { name: 'No, someone else' }));

    await waitFor(() => expect(onUse).toHaveBeenCalledWith('MA0785B'));
    expect(onUse).toHaveBeenCalledTimes(1);
    expect(bridge['participants.create']).toHaveBeenCalledWith({
      code: 'MA0785',
      formula: 'mother_month_year',
      addSuffix: true,
    });
  });

  it('shows a refused suffix as an alert and stays on the question', async () => {
    const bridge = installFakeBridge();
    bridge['participants.buildCode'].mockResolvedValue(ok(taken('MA0785')));
    bridge['participants.create'].mockResolvedValue(
      refused({ code: 'participant_suffixes_used_up', message: 'Every suffix for this code is already taken.' }),
    );
    const { user, onUse } = await openBuilder();

    await user.type(mother(), 'Ma');
    await user.type(month(), '7');
    await user.type(year(), '85');
    await user.click(useButton());
    await user.click(await screen.findByRole('button', { name: 'No, someone else' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Every suffix for this code is already taken.');
    expect(screen.getByText('Is this the same person?')).toBeInTheDocument();
    expect(onUse).not.toHaveBeenCalled();
  });

  it('goes back from "same person?" to the answers, which are kept', async () => {
    const bridge = installFakeBridge();
    bridge['participants.buildCode'].mockResolvedValue(ok(taken('MA0785')));
    const { user } = await openBuilder();

    await user.type(mother(), 'Ma');
    await user.type(month(), '7');
    await user.type(year(), '85');
    await user.click(useButton());
    await user.click(await screen.findByRole('button', { name: 'Back' }));

    await waitFor(() => expect(mother()).toHaveFocus());
    expect(mother()).toHaveValue('Ma');
    expect(month()).toHaveValue('7');
    expect(preview()).toHaveTextContent('MA0785');
  });

  it('forgets every answer when it closes, whether cancelled or used', async () => {
    installFakeBridge();
    const { user, onUse } = await openBuilder('gender_letters_year');

    await user.selectOptions(screen.getByRole('combobox', { name: 'Gender' }), 'Woman');
    await user.type(textbox('Four chosen letters'), 'ABCD');
    await user.click(declined('Year of birth'));
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());

    await user.click(screen.getByRole('button', { name: 'Open builder' }));
    await screen.findByRole('dialog', { name: 'New participant code' });
    expect(screen.getByRole('combobox', { name: 'Gender' })).toHaveValue('');
    expect(textbox('Four chosen letters')).toHaveValue('');
    expect(declined('Year of birth')).not.toBeChecked();
    expect(textbox('Year of birth')).toBeEnabled();
    expect(preview()).toHaveTextContent('The code appears here as the questions are answered.');

    await user.selectOptions(screen.getByRole('combobox', { name: 'Gender' }), 'Man');
    await user.type(textbox('Four chosen letters'), 'WXYZ');
    await user.type(textbox('Year of birth'), '1970');
    await user.click(useButton());
    await waitFor(() => expect(onUse).toHaveBeenCalledWith('MWXYZ1970'));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());

    await user.click(screen.getByRole('button', { name: 'Open builder' }));
    await screen.findByRole('dialog', { name: 'New participant code' });
    expect(textbox('Four chosen letters')).toHaveValue('');
    expect(textbox('Year of birth')).toHaveValue('');

    // Escape closes it too, and forgets as well.
    await user.type(textbox('Four chosen letters'), 'ABCD');
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    await user.click(screen.getByRole('button', { name: 'Open builder' }));
    await screen.findByRole('dialog', { name: 'New participant code' });
    expect(textbox('Four chosen letters')).toHaveValue('');
  });

  it('can be done entirely by keyboard, in question order, with Enter submitting from any field', async () => {
    const bridge = installFakeBridge();
    bridge['participants.buildCode'].mockResolvedValueOnce(ok(taken('MA0785')));
    const { user, onUse } = await openBuilder();

    await waitFor(() => expect(mother()).toHaveFocus());
    await user.keyboard('Ma');
    await user.tab();
    expect(declined("Mother's first name")).toHaveFocus();
    await user.tab();
    expect(month()).toHaveFocus();
    await user.keyboard('7');
    await user.tab();
    expect(declined('Month of birth')).toHaveFocus();
    await user.tab();
    expect(year()).toHaveFocus();
    await user.keyboard('85');
    await user.tab();
    expect(declined('Year of birth')).toHaveFocus();
    await user.tab();
    expect(useButton()).toHaveFocus();
    await user.tab();
    expect(screen.getByRole('button', { name: 'Cancel' })).toHaveFocus();

    // Enter on a text field submits; the code is taken, so focus moves to "Yes, same person".
    await user.tab({ shift: true });
    await user.tab({ shift: true });
    await user.tab({ shift: true });
    expect(year()).toHaveFocus();
    await user.keyboard('{Enter}');
    const yes = await screen.findByRole('button', { name: 'Yes, same person' });
    await waitFor(() => expect(yes).toHaveFocus());
    await user.tab();
    expect(screen.getByRole('button', { name: 'No, someone else' })).toHaveFocus();
    await user.tab();
    expect(screen.getByRole('button', { name: 'Back' })).toHaveFocus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(mother()).toHaveFocus());

    // Declining with Space, then Enter on the checkbox submits; the code is new this time.
    await user.tab();
    await user.tab();
    await user.tab();
    expect(declined('Month of birth')).toHaveFocus();
    await user.keyboard(' ');
    expect(month()).toBeDisabled();
    await user.keyboard('{Enter}');

    await waitFor(() => expect(onUse).toHaveBeenCalledWith('MA0085'));
    expect(bridge['participants.buildCode']).toHaveBeenLastCalledWith({
      formula: 'mother_month_year',
      answers: { motherFirstName: 'Ma', birthMonth: null, birthYear: '85' },
    });
  });

  it('submits with Enter on a choice too', async () => {
    const bridge = installFakeBridge();
    const { user, onUse } = await openBuilder('gender_letters_year');

    await user.type(textbox('Four chosen letters'), 'ABCD');
    await user.type(textbox('Year of birth'), '1985');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Gender' }), 'Another gender');
    screen.getByRole('combobox', { name: 'Gender' }).focus();
    await user.keyboard('{Enter}');

    await waitFor(() => expect(onUse).toHaveBeenCalledWith('OABCD1985'));
    expect(bridge['participants.buildCode']).toHaveBeenCalledTimes(1);
  });

  it('uses "Yes, same person" from the keyboard', async () => {
    const bridge = installFakeBridge();
    bridge['participants.buildCode'].mockResolvedValue(ok(taken('SMA07')));
    const { user, onUse } = await openBuilder('surname_mother_day');

    expect(textbox("Mother's first name")).toHaveAccessibleDescription("First letter of mother's first name.");
    await waitFor(() => expect(textbox('Last name')).toHaveFocus());
    await user.keyboard('Sm{Tab}{Tab}M{Tab}{Tab}7{Enter}');
    const yes = await screen.findByRole('button', { name: 'Yes, same person' });
    await waitFor(() => expect(yes).toHaveFocus());
    await user.keyboard('{Enter}');

    expect(onUse).toHaveBeenCalledWith('SMA07');
    expect(bridge['participants.buildCode']).toHaveBeenCalledWith({
      formula: 'surname_mother_day',
      answers: { lastName: 'Sm', motherFirstName: 'M', birthDay: '7' },
    });
  });
});
